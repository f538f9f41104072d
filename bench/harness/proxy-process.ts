import { startDelayProxy, type DelayProxy } from './delay-proxy';

/**
 * A separate process for the delay proxies of one run, so that relaying (up to 30
 * members × every broadcast) does not share the load generator's event loop.
 * In: BENCH_PROXY_TARGETS = JSON { hospitalId: subgraph URL }, BENCH_PROXY_DELAY_MS.
 * Out: one JSON line `{ port, urls: { hospitalId: proxy URL }, msg: "proxies listening" }`.
 */
async function main(): Promise<void> {
  const targets = JSON.parse(process.env.BENCH_PROXY_TARGETS ?? '{}') as Record<string, string>;
  const delayMs = Number(process.env.BENCH_PROXY_DELAY_MS ?? '0');
  const proxies = new Map<string, DelayProxy>();
  for (const [id, url] of Object.entries(targets)) proxies.set(id, await startDelayProxy(url, delayMs));
  const urls = Object.fromEntries([...proxies].map(([id, p]) => [id, p.url]));
  const first = new URL(Object.values(urls)[0] ?? 'http://127.0.0.1:0/').port;
  process.stdout.write(`${JSON.stringify({ port: Number(first), urls, delayMs, msg: 'proxies listening' })}\n`);
  const stop = () => {
    for (const p of proxies.values()) void p.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();

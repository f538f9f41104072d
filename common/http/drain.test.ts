import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDrain } from './drain';

/** A server whose /slow requests wait until the test lets them finish. */
async function serve() {
  const waiting: (() => void)[] = [];
  const drain = createDrain((res) => {
    res.statusCode = 503;
    res.end('draining');
  });
  const server = http.createServer((req, res) =>
    drain.track(req, res, () => {
      if (req.url === '/slow') waiting.push(() => res.end('done'));
      else res.end(drain.draining ? 'not ready' : 'ok');
    }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    drain,
    server,
    base,
    waiting,
    get: (p: string) => fetch(`${base}${p}`).then(async (r) => ({ status: r.status, text: await r.text(), connection: r.headers.get('connection') })),
  };
}

describe('createDrain', () => {
  it('resolves at once when nothing is in flight', async () => {
    const { drain, server } = await serve();
    await drain.begin(60_000);
    expect(drain.draining).toBe(true);
    server.close();
  });

  it('keeps answering probes, refuses new work, and resolves when the last request in flight ends', async () => {
    const { drain, server, get, waiting } = await serve();
    const slow = get('/slow');
    while (waiting.length === 0) await new Promise((resolve) => setImmediate(resolve));
    let drained = false;
    const begun = drain.begin(60_000).then(() => (drained = true));
    expect(await get('/readyz')).toMatchObject({ status: 200, text: 'not ready' });
    expect(await get('/graphql')).toEqual({ status: 503, text: 'draining', connection: 'close' });
    expect(drained).toBe(false);
    waiting[0]();
    expect(await slow).toMatchObject({ status: 200, text: 'done' });
    await begun;
    server.close();
  });

  it('gives up waiting after the grace period', async () => {
    const { drain, server, get, waiting } = await serve();
    void get('/slow').catch(() => undefined);
    while (waiting.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await drain.begin(50);
    server.closeAllConnections();
    server.close();
  });
});

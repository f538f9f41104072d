import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chooseBaselineSetup } from './alliance-and-member-supergraph';
import { announce, exitOnSignal } from './single-member-supergraph';

/** The little of Hive Gateway's API the baseline uses. */
interface HiveFetchHook {
  url: string;
  /** The HTTP transport posts each call's body as JSON text. */
  options: { headers?: unknown; body?: string };
  setOptions: (options: object) => void;
}
interface HiveRuntime {
  (req: http.IncomingMessage, res: http.ServerResponse): void;
  dispose(): Promise<void>;
}
interface HiveGateway {
  createGatewayRuntime: (config: object) => HiveRuntime;
}

/**
 * Hive Gateway wants a newer Node than the project supports, so it is installed apart, in
 * bench/baselines/hive (`npm run bench` does it), and loaded from there.
 */
function loadHive(): HiveGateway {
  const folder = path.resolve(__dirname, '../../../bench/baselines/hive');
  return createRequire(path.join(folder, 'package.json'))('@graphql-hive/gateway') as HiveGateway;
}

/**
 * Hive Gateway in front of one member, or of the alliance and one member
 * (BENCH_ALLIANCE_URL), with its defaults, or with outbound in-flight deduplication off
 * (BENCH_HIVE_DEDUPLICATE=false); the only addition is the called subgraph's token on
 * each call.
 */
async function main(): Promise<void> {
  const { supergraphSdl, authorization, port } = await chooseBaselineSetup();
  const deduplicate = process.env.BENCH_HIVE_DEDUPLICATE !== 'false';
  const { createGatewayRuntime } = loadHive();
  const authorize = {
    onFetch({ url, options, setOptions }: HiveFetchHook) {
      // a token per call, for the body it posts (a member accepts each token once)
      const body = JSON.parse(options.body ?? '{}') as { query: string; variables?: Record<string, unknown>; operationName?: string };
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), authorization: authorization(body, url) } });
    },
  };
  const runtime = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    plugins: () => [authorize],
    ...(deduplicate ? {} : { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }),
  });
  const server = http.createServer(runtime);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  announce((server.address() as AddressInfo).port, 'hive gateway');
  exitOnSignal(async () => {
    server.close();
    await runtime.dispose();
  });
}

void main();

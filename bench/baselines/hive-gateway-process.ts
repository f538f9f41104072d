import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { announce, baselineSetup, exitOnSignal } from './single-member-supergraph';

/**
 * Hive Gateway in front of one member, with its defaults, or with outbound in-flight
 * deduplication off (BENCH_HIVE_DEDUPLICATE=false); the only addition is the member's
 * token on each call.
 */
async function main(): Promise<void> {
  const { supergraphSdl, authorization, port } = await baselineSetup();
  const deduplicate = process.env.BENCH_HIVE_DEDUPLICATE !== 'false';
  const authorize: GatewayPlugin = {
    onFetch({ options, setOptions }) {
      // a token per call, for the body it posts (a member accepts each token once)
      const body = JSON.parse(String(options.body ?? '{}')) as { query: string; variables?: Record<string, unknown>; operationName?: string };
      setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), authorization: authorization(body) } });
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

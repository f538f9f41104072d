import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Caller } from '../../subgraphs/runtime/auth/caller';
import { startAllianceSubgraph, type RunningAlliance } from '../../subgraphs/alliance/start-alliance';
import { createLogger } from '../../common/log';
import { postGraphQL, type GraphQLResponse } from '../support/graphql-client';
import { createScratchDatabase, mysqlAvailable } from '../support/mysql';
import { ALLIANCE_AUDIENCE, CALLERS, gatewayHeaders } from '../support/tokens';

export { CALLERS };

export interface AllianceHarness {
  url: string;
  running: RunningAlliance;
  /** POSTs as the given caller (a gateway-signed token); null sends no token. */
  gql<T = any>(caller: Caller | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

export const SEED = { hospitalCount: 4, patients: 80 };

/**
 * Starts the alliance subgraph in this jest process on port 0 over a fresh database
 * (a temp SQLite file, or a scratch MariaDB database dropped afterwards) and seeds the
 * demo. Returns a getter: null when the MySQL half is skipped locally.
 */
export function useAlliance(kind: 'embedded' | 'mysql'): () => AllianceHarness | null {
  let harness: AllianceHarness | null = null;
  let dataDir = '';
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    let databaseUrl: string | undefined;
    if (kind === 'mysql') {
      if (!(await mysqlAvailable())) return;
      const scratch = await createScratchDatabase('alliance_test');
      databaseUrl = scratch.url;
      drop = scratch.drop;
    }
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'alliance-test-'));
    const running = await startAllianceSubgraph({
      port: 0,
      dataDir,
      databaseUrl,
      seedIfEmpty: { ...SEED, anchor: new Date() },
      logger: createLogger('alliance-test', 'silent'),
    });
    harness = {
      url: running.url,
      running,
      async gql(caller, query, variables) {
        const headers = caller ? await gatewayHeaders(caller, { dataDir, audience: ALLIANCE_AUDIENCE }, { query, variables }) : {};
        return postGraphQL(running.url, query, variables, headers);
      },
    };
  }, 120_000);
  afterAll(async () => {
    await harness?.running.close();
    await drop?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return () => harness;
}

/** The error codes of a response, in order. */
export function codes(response: GraphQLResponse): string[] {
  return (response.body.errors ?? []).map((e) => e.extensions?.code as string);
}

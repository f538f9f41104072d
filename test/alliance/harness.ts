import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Caller } from '../../common/auth/caller';
import { startAllianceSubgraph, type RunningAlliance } from '../../subgraphs/alliance/start-alliance';
import { createLogger } from '../../common/log';
import { postGraphQL, type GraphQLResponse } from '../support/graphql-client';
import { createScratchDatabase } from '../support/mysql';
import { ALLIANCE_AUDIENCE, CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { spawnCli, type SpawnedService } from '../support/spawn-cli';
import { GATEWAY_KEY_NAME } from '../../common/auth/gateway-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';

export { CALLERS };

export interface AllianceHarness {
  url: string;
  running: RunningAlliance;
  /** POSTs as the given caller (a gateway-signed token); null sends no token. */
  /** `headers`: sent besides the caller's token. */
  gql<T = any>(caller: Caller | null, query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** POSTs to a running member's hospital subgraph, as the gateway would. */
  member<T = any>(hospitalId: string, caller: Caller, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/**
 * Members the alliance confirms attached and decided results with (DESIGN 5): real hospital
 * subgraphs from the built CLI (`npm run build` first), seeded from the same numbers and
 * anchor as the alliance so that the index and the charts agree.
 */
export const MEMBERS = ['dh-chc-hill'];

export const SEED = { hospitalCount: 4, patients: 80 };

/**
 * Starts the alliance subgraph in this jest process on port 0 over a fresh database
 * (a temp SQLite file, or a scratch MariaDB database dropped afterwards) and seeds the
 * demo. Returns a getter of the started harness. The MySQL variant belongs in a
 * `describeMysql` group (../support/mysql), skipped without a server.
 */
export function useAlliance(kind: 'embedded' | 'mysql'): () => AllianceHarness {
  let harness: AllianceHarness | null = null;
  let dataDir = '';
  let drop: (() => Promise<void>) | undefined;
  const members = new Map<string, SpawnedService>();
  beforeAll(async () => {
    let databaseUrl: string | undefined;
    if (kind === 'mysql') {
      const scratch = await createScratchDatabase('alliance_test');
      databaseUrl = scratch.url;
      drop = scratch.drop;
    }
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'alliance-test-'));
    const anchor = new Date();
    // the members trust the dev gateway key of this directory, which the harness signs with
    await loadOrCreateSigningKey(dataDir, GATEWAY_KEY_NAME);
    const env = {
      MEDALLIANCE_DATA_DIR: dataDir,
      DATABASE_URL: '',
      MEDALLIANCE_SEED_PATIENTS: String(SEED.patients),
      MEDALLIANCE_SEED_HOSPITALS: String(SEED.hospitalCount),
      MEDALLIANCE_SEED_ANCHOR: anchor.toISOString(),
    };
    for (const id of MEMBERS) members.set(id, await spawnCli(['hospital', '--id', id, '--port', '0'], env));
    const running = await startAllianceSubgraph({
      port: 0,
      dataDir,
      databaseUrl,
      memberUrls: Object.fromEntries([...members].map(([id, m]) => [id, m.url])),
      seedIfEmpty: { ...SEED, anchor },
      logger: createLogger('alliance-test', 'silent'),
    });
    harness = {
      url: running.url,
      running,
      async gql(caller, query, variables, extra) {
        const headers = caller ? await gatewayHeaders(caller, { dataDir, audience: ALLIANCE_AUDIENCE }, { query, variables }) : {};
        return postGraphQL(running.url, query, variables, { ...headers, ...extra });
      },
      async member(hospitalId, caller, query, variables) {
        const headers = await gatewayHeaders(caller, { dataDir, audience: hospitalAudience(hospitalId) }, { query, variables });
        return postGraphQL(members.get(hospitalId)!.url, query, variables, headers);
      },
    };
  }, 120_000);
  afterAll(async () => {
    await harness?.running.close();
    await Promise.all([...members.values()].map((m) => m.stop()));
    await drop?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!harness) throw new Error('alliance harness not started');
    return harness;
  };
}

/** The error codes of a response, in order. */
export function codes(response: GraphQLResponse): string[] {
  return (response.body.errors ?? []).map((e) => e.extensions?.code as string);
}

/** A FINAL result held by a running member, on a chart linked to a person of the index (optionally of one LOINC code). */
export async function heldResult(t: AllianceHarness, hospitalId: string, loinc?: string, skip = 0): Promise<{ mpiId: string; mrn: string; id: string; loinc: string }> {
  const clinician = CALLERS.clinician(hospitalId);
  let seen = 0;
  for (let n = 1; n <= SEED.patients; n++) {
    const mpiId = `MPI-${String(n).padStart(6, '0')}`;
    const person = await t.gql(clinician, 'query ($m: ID!) { patient(mpiId: $m) { records { hospitalId mrn } } }', { m: mpiId });
    const chart = person.body.data?.patient?.records.find((r: { hospitalId: string }) => r.hospitalId === hospitalId);
    if (!chart) continue;
    const held = await t.member(
      hospitalId,
      clinician,
      'query ($r: [_Any!]!, $l: [String!]) { _entities(representations: $r) { ... on PatientRecord { labResults(first: 1, status: [FINAL], loinc: $l) { id loinc } } } }',
      {
        r: [{ __typename: 'PatientRecord', hospitalId, mrn: chart.mrn }],
        l: loinc ? [loinc] : null,
      },
    );
    const [result] = held.body.data?._entities[0]?.labResults ?? [];
    if (result && seen++ === skip) return { mpiId, mrn: chart.mrn, id: result.id, loinc: result.loinc };
  }
  throw new Error(`no held result at ${hospitalId}`);
}

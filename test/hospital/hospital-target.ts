import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../common/log';
import { startHospitalSubgraph, type RunningHospitalSubgraph } from '../../subgraphs/hospital/start-hospital';
import type { Caller } from '../../common/auth/caller';
import { createScratchDatabase } from '../support/mysql';
import { gatewayHeaders, hospitalAudience } from '../support/tokens';
import type { Target } from './graphql-expect';

export type DatabaseKind = 'embedded' | 'mysql';

export interface StartedHospital extends RunningHospitalSubgraph {
  hospitalId: string;
  /** Holds the dev gateway key (`keys/`) the subgraph trusts. */
  dataDir: string;
  /** MySQL/MariaDB URL of its scratch database, when on MySQL. */
  databaseUrl?: string;
  /** This subgraph, called as `caller` with a gateway token for its audience. */
  as(caller: Caller): Target;
  /** Closes the server and removes its database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  hospitalId?: string;
  patients: number;
  hospitals?: number;
  anchor?: Date;
}

/**
 * Starts a hospital subgraph in this process on port 0 over a fresh database: a temp
 * SQLite file, or a scratch MySQL/MariaDB database dropped on stop. It trusts the dev
 * gateway key of its own temp data directory, which `as(caller)` signs with.
 */
export async function startTestHospital(kind: DatabaseKind, options: StartOptions): Promise<StartedHospital> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-hospital-'));
  const scratch = kind === 'mysql' ? await createScratchDatabase('hospital_test') : undefined;
  const hospitalId = options.hospitalId ?? 'dh-lead';
  const running = await startHospitalSubgraph({
    hospitalId,
    port: 0,
    dataDir,
    databaseUrl: scratch?.url,
    seedPatients: options.patients,
    seedHospitals: options.hospitals ?? 4,
    seedAnchor: options.anchor ?? new Date(),
    logger: createLogger(`test:${hospitalId}`, 'silent'),
  });
  return {
    ...running,
    hospitalId,
    dataDir,
    databaseUrl: scratch?.url,
    as: (caller) => ({ url: running.url, headers: (request) => gatewayHeaders(caller, { dataDir, audience: hospitalAudience(hospitalId) }, request) }),
    async stop() {
      await running.close();
      if (scratch) await scratch.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

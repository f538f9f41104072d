import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { createLogger, type Logger } from '../../common/log';
import { createDataSource } from '../runtime/db/create-data-source';
import { serveSubgraph } from '../runtime/http/serve-subgraph';
import { buildHospitalSchema } from './build-hospital-schema';
import { createHospitalContext, type HospitalContext } from './context';
import { HOSPITAL_ENTITIES } from './entities';
import { HOSPITAL_MIGRATIONS } from './migrations';
import { isHospitalDatabaseEmpty, seedHospitalDatabase } from './seed';

export interface HospitalSubgraphConfig {
  hospitalId: string;
  port: number;
  host?: string;
  /** Directory of the embedded database file `<hospitalId>.sqlite`. */
  dataDir: string;
  /** mysql://… to run on MySQL/MariaDB (migrations, never synchronize). */
  databaseUrl?: string;
  seedPatients: number;
  seedHospitals: number;
  /** The seed's "now"; defaults to the start time. */
  seedAnchor?: Date;
  production?: boolean;
  logger?: Logger;
  /** Clock for bookings and free slots. */
  now?: () => Date;
}

export interface RunningHospitalSubgraph {
  url: string;
  port: number;
  dataSource: DataSource;
  close(): Promise<void>;
}

let schema: Promise<GraphQLSchema> | undefined;

/** type-graphql metadata is global: one schema per process, shared by every server in it. */
function hospitalSchema(): Promise<GraphQLSchema> {
  schema ??= buildHospitalSchema();
  return schema;
}

/**
 * Starts one member's hospital subgraph: opens (and on MySQL migrates) its database,
 * seeds it when empty, and serves the contract on `port` (0 = any free port).
 */
export async function startHospitalSubgraph(config: HospitalSubgraphConfig): Promise<RunningHospitalSubgraph> {
  const logger = config.logger ?? createLogger(`hospital:${config.hospitalId}`);
  const dataSource = createDataSource(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, name: config.hospitalId },
    { entities: HOSPITAL_ENTITIES, migrations: HOSPITAL_MIGRATIONS },
  );
  await dataSource.initialize();
  try {
    if (await isHospitalDatabaseEmpty(dataSource)) {
      const counts = await seedHospitalDatabase(dataSource, {
        hospitalId: config.hospitalId,
        hospitalCount: config.seedHospitals,
        patients: config.seedPatients,
        anchor: config.seedAnchor ?? new Date(),
      });
      logger.info({ counts }, 'seeded empty hospital database');
    }
    const server = await serveSubgraph<HospitalContext>({
      name: 'hospital',
      schema: await hospitalSchema(),
      port: config.port,
      host: config.host,
      logger: logger.child({ hospitalId: config.hospitalId }),
      maskInternalErrors: config.production,
      createContext: (base) => createHospitalContext(base, { hospitalId: config.hospitalId, dataSource, now: config.now }),
      isReady: () => dataSource.isInitialized,
    });
    return {
      url: server.url,
      port: server.port,
      dataSource,
      close: async () => {
        await server.close();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw error;
  }
}

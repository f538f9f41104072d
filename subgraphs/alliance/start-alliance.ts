import type { DataSource } from 'typeorm';
import type { TlsMaterial } from '../../common/config/tls-settings';
import { In } from 'typeorm';
import { ConfigError } from '../../common/config/load-config';
import { createLogger, type Logger } from '../../common/log';
import { ALLIANCE_AUDIENCE } from '../../common/auth/gateway-token';
import { auditPlugin } from '../runtime/audit/audit-plugin';
import { createSubgraphAuthenticator } from '../runtime/auth/verify-gateway-token';
import { createAllianceAuthenticator } from './auth/member-authenticator';
import { createDataSource, isMysqlUrl } from '../runtime/db/create-data-source';
import { watchDatabase } from '../runtime/db/database-health';
import { serveSubgraph } from '../runtime/http/serve-subgraph';
import { ALLIANCE_EMBEDDED_KIND, ALLIANCE_ENTITIES } from './alliance-entities';
import { ALLIANCE_SERVED_BY } from './audit/audit-labels';
import { operationFactsPlugin } from './audit/operation-facts-plugin';
import { buildAllianceSchema } from './build-alliance-schema';
import { createAllianceContext, type AllianceContext } from './context';
import { ALLIANCE_MIGRATIONS } from './migrations';
import { HospitalEntity } from './registry/hospital.entity';
import { seedAllianceDatabase, type AllianceSeedOptions } from './seed/seed-alliance';

export interface AllianceSubgraphConfig {
  port: number;
  host?: string;
  dataDir: string;
  databaseUrl?: string;
  timeZone?: string;
  /** hospitalId → subgraph URL, written into the registry at start. */
  memberUrls?: Record<string, string>;
  gatewayJwksUrl?: string;
  /** TLS files (`loadTls`): the CA for an https:// gateway JWKS, and the HTTPS listener; absent = HTTP. */
  tls?: TlsMaterial;
  /** Seed the demo alliance into a new database (embedded: a file that does not exist; MySQL: an empty one); never in production. */
  seedIfEmpty?: Omit<AllianceSeedOptions, 'timeZone'> | false;
  production?: boolean;
  logger?: Logger;
}

export interface RunningAlliance {
  url: string;
  port: number;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Points registry rows at the given URLs (demo stack and tests run members on other ports). */
export async function applyMemberUrls(dataSource: DataSource, urls: Record<string, string>): Promise<void> {
  const ids = Object.keys(urls);
  if (ids.length === 0) return;
  const known = new Set((await dataSource.manager.findBy(HospitalEntity, { id: In(ids) })).map((h) => h.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new ConfigError([`MEDALLIANCE_MEMBER_URLS names hospitals that are not registered: ${unknown.join(', ')}`]);
  for (const id of ids) await dataSource.manager.update(HospitalEntity, { id }, { subgraphUrl: urls[id] });
}

export async function startAllianceSubgraph(config: AllianceSubgraphConfig): Promise<RunningAlliance> {
  const logger = config.logger ?? createLogger('alliance');
  const timeZone = config.timeZone ?? 'Asia/Shanghai';
  const seedOptions = config.seedIfEmpty && !config.production ? config.seedIfEmpty : undefined;
  const seed = seedOptions
    ? async (target: DataSource) => {
        const counts = await seedAllianceDatabase(target, { ...seedOptions, timeZone });
        logger.info({ ...counts }, 'alliance database seeded');
      }
    : undefined;
  const mysql = isMysqlUrl(config.databaseUrl);
  // embedded: a new file is seeded before it is put in place; an existing one never is
  const dataSource = createDataSource(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, name: 'alliance', populate: seed },
    { entities: ALLIANCE_ENTITIES, migrations: ALLIANCE_MIGRATIONS, embeddedKind: ALLIANCE_EMBEDDED_KIND },
  );
  // MySQL may come up after this process: connect (then seed an empty database and apply member URLs) with retries; /readyz says when.
  const database = watchDatabase(dataSource, {
    logger,
    prepare: async () => {
      if (mysql && seed && (await dataSource.manager.count(HospitalEntity)) === 0) await seed(dataSource);
      await applyMemberUrls(dataSource, config.memberUrls ?? {});
    },
  });
  try {
    const schema = await buildAllianceSchema();
    // the gateway's token for every caller, and a member's own token for the identity feed
    const authenticate = createAllianceAuthenticator(
      dataSource,
      createSubgraphAuthenticator({ audience: ALLIANCE_AUDIENCE, gatewayJwksUrl: config.gatewayJwksUrl, tls: config.tls?.client, dataDir: config.dataDir, required: true }),
    );
    const running = await serveSubgraph<AllianceContext>({
      name: 'alliance',
      unavailableCode: 'ALLIANCE_UNAVAILABLE',
      schema,
      port: config.port,
      host: config.host,
      logger,
      authenticate,
      maskInternalErrors: config.production,
      // PHI reads and refusals: one chained row per request; writes are audited inside their transaction (auditedWrite)
      plugins: [operationFactsPlugin<AllianceContext>(), auditPlugin<AllianceContext>(dataSource, ALLIANCE_SERVED_BY)],
      createContext: (base) => createAllianceContext(base, dataSource, { timeZone }),
      database,
      tls: config.tls?.server,
    });
    return {
      url: running.url,
      port: running.port,
      dataSource,
      // the server drains, then closes the database
      close: () => running.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

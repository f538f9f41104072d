import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { TlsMaterial } from '../../common/config/tls-settings';
import { useOutboundTls } from '../../common/http/outbound-tls';
import type { DataSource } from 'typeorm';
import { hospitalAudience } from '../../common/auth/gateway-token';
import { createLogger, type Logger } from '../../common/log';
import { auditPlugin } from '../runtime/audit/audit-plugin';
import { operationFactsPlugin } from '../runtime/audit/operation-facts-plugin';
import { deniedRootListsPlugin } from './access/denied-root-lists';
import { createSubgraphAuthenticator } from '../runtime/auth/verify-gateway-token';
import { createDataSource, isMysqlUrl } from '../runtime/db/create-data-source';
import { DEFAULT_HEAD_INTERVAL_MS } from '../runtime/audit-witness/head-publisher';
import { ALLIANCE_SUBGRAPH_ID, hospitalSubgraphId } from '../runtime/audit-witness/head-token';
import { remoteKeySets } from '../runtime/audit-witness/signer-keys';
import { witnessChainHeads } from '../runtime/audit-witness/witness-chain-heads';
import { watchDatabase } from '../runtime/db/database-health';
import { serveSubgraph } from '../runtime/http/serve-subgraph';
import { buildHospitalSchema } from './build-hospital-schema';
import { createHospitalContext, type HospitalContext } from './context';
import { HOSPITAL_ENTITIES, hospitalEmbeddedKind } from './entities';
import { HOSPITAL_MIGRATIONS } from './migrations';
import { isHospitalDatabaseEmpty, seedHospitalDatabase } from './seed';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { memberKeyName } from '../../common/auth/member-token';
import { LinkOutboxEntity } from './identity-feed/link-outbox.entity';
import { startLinkDrainer, type LinkDrainerOptions } from './identity-feed/link-drainer';
import type { AggregatePrivacy } from '../runtime/privacy/aggregate-privacy';

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
  /** False: a new database stays empty (a hospital onboarded with `import-fhir`). Never seeded in production. */
  seed?: boolean;
  /** The seed's "now"; defaults to the start time. */
  seedAnchor?: Date;
  /** Production: the gateway's JWKS; unset = the dev gateway key under `dataDir/keys`. */
  gatewayJwksUrl?: string;
  /** TLS files (`loadTls`): the CA for an https:// gateway JWKS, and the HTTPS listener; absent = HTTP. */
  tls?: TlsMaterial;
  production?: boolean;
  logger?: Logger;
  /** Clock for bookings and free slots. */
  now?: () => Date;
  /** The alliance subgraph's URL: queued chart links are delivered there, and it witnesses this member's audit chain heads; unset = links wait, heads are not sent. */
  allianceUrl?: string;
  linkPollMs?: number;
  linkRetryMaxMs?: number;
  /** How often the chain head is signed and sent (DESIGN 5: at most a minute). */
  auditHeadIntervalMs?: number;
  /** MEDALLIANCE_MIN_CELL and MEDALLIANCE_TIME_ZONE; default 10 and Asia/Shanghai. */
  privacy?: AggregatePrivacy;
}

export interface RunningHospitalSubgraph {
  url: string;
  port: number;
  dataSource: DataSource;
  /** Signs and sends the audit chain head now; true when the witness accepted it. */
  publishAuditHead(): Promise<boolean>;
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
 * seeds a new one (not in production), and serves the contract on `port` (0 = any free port) to callers
 * presenting the gateway's token, auditing every PHI read and every write.
 */
export async function startHospitalSubgraph(config: HospitalSubgraphConfig): Promise<RunningHospitalSubgraph> {
  const logger = config.logger ?? createLogger(`hospital:${config.hospitalId}`);
  useOutboundTls(config.tls?.client);
  const seed = config.seed !== false && !config.production ? (target: DataSource) => seedDemo(target, config, logger) : undefined;
  const mysql = isMysqlUrl(config.databaseUrl);
  const dataSource = createDataSource(
    // embedded: a new file is seeded before it is put in place; an existing one never is
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, name: config.hospitalId, populate: seed },
    { entities: HOSPITAL_ENTITIES, migrations: HOSPITAL_MIGRATIONS, embeddedKind: hospitalEmbeddedKind(config.hospitalId) },
  );
  // MySQL may come up after this process: connect (and seed an empty database) with retries, /readyz says when.
  const database = watchDatabase(dataSource, { logger, prepare: mysql && seed ? () => seedIfEmpty(dataSource, seed) : undefined });
  // the member's own key: it signs this member's calls to the alliance (the identity feed)
  const memberKey = await loadOrCreateSigningKey(config.dataDir, memberKeyName(config.hospitalId));
  const identityFeed = config.allianceUrl ? startLinkDrainer(drainerOptions(config, dataSource, logger, config.allianceUrl)) : undefined;
  if (!identityFeed) logger.warn({ code: 'NO_ALLIANCE_URL' }, 'ALLIANCE_URL is not set: new charts wait in the outbox until it is');
  try {
    const keysOf = remoteKeySets();
    const witnessing = await witnessChainHeads({
      subgraphId: hospitalSubgraphId(config.hospitalId),
      dataDir: config.dataDir,
      database,
      witnessUrl: () => config.allianceUrl,
      // the alliance's heads, signed with the key it publishes (the alliance sends them to the lead member)
      signerKeys: async (signer) => (signer === ALLIANCE_SUBGRAPH_ID && config.allianceUrl ? keysOf(config.allianceUrl) : undefined),
      intervalMs: config.auditHeadIntervalMs ?? DEFAULT_HEAD_INTERVAL_MS,
      logger,
      // one JWKS per subgraph: the audit key and this member's own key for the identity feed
      alsoPublish: () => [memberKey.publicJwk],
    });
    const schema = await hospitalSchema();
    const server = await serveSubgraph<HospitalContext>({
      name: 'hospital',
      schema,
      // the contract is public: `medalliance check-hospital --url` reads it here, without a token (docs/SECURITY.md)
      publicSdl: printSubgraphSchema(schema),
      port: config.port,
      host: config.host,
      logger: logger.child({ hospitalId: config.hospitalId }),
      maskInternalErrors: config.production,
      // DESIGN 5: only the gateway's token for this member is accepted; there is no switch to turn it off
      authenticate: createSubgraphAuthenticator({
        audience: hospitalAudience(config.hospitalId),
        gatewayJwksUrl: config.gatewayJwksUrl,
        tls: config.tls?.client,
        dataDir: config.dataDir,
        required: true,
      }),
      plugins: [operationFactsPlugin<HospitalContext>(), auditPlugin<HospitalContext>(dataSource, config.hospitalId), deniedRootListsPlugin<HospitalContext>()],
      createContext: (base) => createHospitalContext(base, { hospitalId: config.hospitalId, dataSource, now: config.now, identityFeed, privacy: config.privacy }),
      database,
      tls: config.tls?.server,
      readyDetails: async () => ({ pendingPatientLinks: dataSource.isInitialized ? await dataSource.manager.count(LinkOutboxEntity) : null }),
      routes: witnessing.routes,
      afterDrain: () => witnessing.stop(),
    });
    return {
      url: server.url,
      port: server.port,
      dataSource,
      publishAuditHead: () => witnessing.publish(),
      close: async () => {
        await identityFeed?.close();
        await server.close();
        if (dataSource.isInitialized) await dataSource.destroy();
      },
    };
  } catch (error) {
    await identityFeed?.close();
    await database.close();
    throw error;
  }
}

function drainerOptions(config: HospitalSubgraphConfig, dataSource: DataSource, logger: Logger, allianceUrl: string): LinkDrainerOptions {
  const maxBackoffMs = config.linkRetryMaxMs ?? 300_000;
  return {
    dataSource,
    hospitalId: config.hospitalId,
    dataDir: config.dataDir,
    allianceUrl,
    logger: logger.child({ hospitalId: config.hospitalId, component: 'identity-feed' }),
    pollMs: config.linkPollMs ?? 2_000,
    baseBackoffMs: Math.min(1_000, maxBackoffMs),
    maxBackoffMs,
  };
}

/** MySQL has no file that could be absent: a database without departments is seeded. */
async function seedIfEmpty(dataSource: DataSource, seed: (target: DataSource) => Promise<void>): Promise<void> {
  if (await isHospitalDatabaseEmpty(dataSource)) await seed(dataSource);
}

/** The demo hospital; never in production (DESIGN 7). */
async function seedDemo(dataSource: DataSource, config: HospitalSubgraphConfig, logger: Logger): Promise<void> {
  const counts = await seedHospitalDatabase(dataSource, {
    hospitalId: config.hospitalId,
    hospitalCount: config.seedHospitals,
    patients: config.seedPatients,
    anchor: config.seedAnchor ?? new Date(),
  });
  logger.info({ counts }, 'seeded new hospital database');
}

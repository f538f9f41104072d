import type { DataSource } from 'typeorm';
import type { TlsMaterial } from '../../common/config/tls-settings';
import { useOutboundTls } from '../../common/http/outbound-tls';
import { In } from 'typeorm';
import { ConfigError } from '../../common/config/load-config';
import { createLogger, type Logger } from '../../common/log';
import { ALLIANCE_AUDIENCE } from '../../common/auth/gateway-token';
import { auditPlugin } from '../runtime/audit/audit-plugin';
import { createSubgraphAuthenticator } from '../runtime/auth/verify-gateway-token';
import { createAllianceAuthenticator } from './auth/member-authenticator';
import { createDataSource, isMysqlUrl } from '../runtime/db/create-data-source';
import { DEFAULT_HEAD_INTERVAL_MS } from '../runtime/audit-witness/head-publisher';
import { ALLIANCE_SUBGRAPH_ID } from '../runtime/audit-witness/head-token';
import { remoteKeySets } from '../runtime/audit-witness/signer-keys';
import { witnessChainHeads } from '../runtime/audit-witness/witness-chain-heads';
import { watchDatabase } from '../runtime/db/database-health';
import { serveSubgraph } from '../runtime/http/serve-subgraph';
import { ALLIANCE_EMBEDDED_KIND, ALLIANCE_ENTITIES } from './alliance-entities';
import { ALLIANCE_SERVED_BY } from './audit/audit-labels';
import { operationFactsPlugin } from './audit/operation-facts-plugin';
import { buildAllianceSchema } from './build-alliance-schema';
import { createAllianceContext, type AllianceContext } from './context';
import { ALLIANCE_MIGRATIONS } from './migrations';
import { HospitalEntity } from './registry/hospital.entity';
import { HospitalRole, MembershipStatus } from './registry/registry-enums';
import { seedAllianceDatabase, type AllianceSeedOptions } from './seed/seed-alliance';
import { DEFAULT_AGGREGATE_PRIVACY } from '../runtime/privacy/aggregate-privacy';
import { createMemberResultLookup } from './integrity/member-results';
import { createMemberContractCheck } from './registry/member-contract-check';

export interface AllianceSubgraphConfig {
  port: number;
  host?: string;
  dataDir: string;
  databaseUrl?: string;
  timeZone?: string;
  /** MEDALLIANCE_MIN_CELL: smallest group a figure shown to analysts and dashboards comes from; default 10. */
  minCell?: number;
  /** hospitalId → subgraph URL, written into the registry at start. */
  memberUrls?: Record<string, string>;
  gatewayJwksUrl?: string;
  /** TLS files (`loadTls`): the CA for an https:// gateway JWKS, and the HTTPS listener; absent = HTTP. */
  tls?: TlsMaterial;
  /** Seed the demo alliance into a new database (embedded: a file that does not exist; MySQL: an empty one); never in production. */
  seedIfEmpty?: Omit<AllianceSeedOptions, 'timeZone'> | false;
  production?: boolean;
  logger?: Logger;
  /** How often the chain head is signed and sent to the lead member (DESIGN 5: at most a minute). */
  auditHeadIntervalMs?: number;
}

export interface RunningAlliance {
  url: string;
  port: number;
  dataSource: DataSource;
  /** Signs and sends the audit chain head now; true when the witness accepted it. */
  publishAuditHead(): Promise<boolean>;
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
  useOutboundTls(config.tls?.client);
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
  const members = { lookUpHeldResults: createMemberResultLookup({ dataDir: config.dataDir }), checkMemberContract: createMemberContractCheck({ dataDir: config.dataDir }) };
  try {
    const schema = await buildAllianceSchema();
    const keysOf = remoteKeySets();
    const registered = (id: string) => dataSource.getRepository(HospitalEntity).findOne({ where: { id } });
    const witnessing = await witnessChainHeads({
      subgraphId: ALLIANCE_SUBGRAPH_ID,
      dataDir: config.dataDir,
      database,
      // the alliance's heads are witnessed by the lead member, outside the alliance's own database
      witnessUrl: async () => (await dataSource.getRepository(HospitalEntity).findOne({ where: { role: HospitalRole.LEAD, status: MembershipStatus.ACTIVE } }))?.subgraphUrl,
      // a member's heads verify with the key it publishes at its registered URL
      signerKeys: async (signer) => {
        const id = signer.startsWith('hospital:') ? signer.slice('hospital:'.length) : undefined;
        const member = id ? await registered(id) : null;
        return member ? keysOf(member.subgraphUrl) : undefined;
      },
      intervalMs: config.auditHeadIntervalMs ?? DEFAULT_HEAD_INTERVAL_MS,
      logger,
    });
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
      createContext: (base) => createAllianceContext(base, dataSource, { timeZone, minCell: config.minCell ?? DEFAULT_AGGREGATE_PRIVACY.minCell }, members),
      database,
      tls: config.tls?.server,
      routes: witnessing.routes,
      afterDrain: () => witnessing.stop(),
    });
    return {
      url: running.url,
      port: running.port,
      dataSource,
      publishAuditHead: () => witnessing.publish(),
      // the server drains, then closes the database
      close: () => running.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

import { boolSetting, intSetting, stringSetting, urlSetting } from './setting';
import { aggregateSettings } from './aggregate-settings';
import { auditWitnessSettings, databaseSettings, seedSettings, sharedSettings } from './shared-settings';
import { subgraphTlsSettings, tlsSettings } from './tls-settings';

/** Settings of one hospital subgraph process (`medalliance hospital`). */
export const hospitalSettings = {
  ...sharedSettings,
  ...databaseSettings,
  ...tlsSettings,
  ...subgraphTlsSettings,
  hospitalId: stringSetting('HOSPITAL_ID', 'Id of the member hospital this process serves, e.g. dh-district (the --id flag wins).'),
  port: intSetting('PORT', "Port of the hospital subgraph; default 4101 + the hospital's position in the demo roster (the --port flag wins).", undefined, 0, 65535),
  ...seedSettings,
  seed: boolSetting(
    'MEDALLIANCE_SEED',
    'Seed a new database (a file that does not exist yet; on MySQL an empty database) with the demo hospital, never in production; false leaves it empty, e.g. before `medalliance import-fhir` (the --no-seed flag wins).',
    true,
  ),
  allianceUrl: urlSetting(
    'ALLIANCE_URL',
    "GraphQL endpoint of the alliance subgraph (e.g. https://alliance:4001/graphql): new charts (registerPatient, import-fhir) are linked in its master patient index, and this member's signed audit chain heads are witnessed there. Unset = links wait in this member's outbox and heads are not witnessed.",
    ['http:', 'https:'],
  ),
  linkPollMs: intSetting(
    'MEDALLIANCE_LINK_POLL_MS',
    'How often (ms) the outbox of chart links is looked at for rows written by `medalliance import-fhir` while the member runs (MySQL/MariaDB; an embedded database is read at start).',
    2000,
    100,
    600000,
  ),
  linkRetryMaxMs: intSetting(
    'MEDALLIANCE_LINK_RETRY_MAX_MS',
    'Longest wait (ms) between two attempts to deliver a chart link while the alliance is unreachable (doubling from 1 s).',
    300000,
    100,
    86400000,
  ),
  ...aggregateSettings,
  gatewayJwksUrl: urlSetting('MEDALLIANCE_GATEWAY_JWKS_URL', "The gateway's JWKS URL (production; https:// there); unset = the dev gateway key under MEDALLIANCE_DATA_DIR/keys.", [
    'http:',
    'https:',
  ]),
  ...auditWitnessSettings,
};

import { boolSetting, intSetting, stringSetting, urlSetting } from './setting';
import { aggregateSettings } from './aggregate-settings';
import { databaseSettings, seedSettings, sharedSettings } from './shared-settings';

/** Settings of one hospital subgraph process (`medalliance hospital`). */
export const hospitalSettings = {
  ...sharedSettings,
  ...databaseSettings,
  hospitalId: stringSetting('HOSPITAL_ID', 'Id of the member hospital this process serves, e.g. dh-district (the --id flag wins).'),
  port: intSetting('PORT', 'Port of the hospital subgraph; default 4101 + the hospital\'s position in the demo roster (the --port flag wins).', undefined, 0, 65535),
  ...seedSettings,
  seed: boolSetting('MEDALLIANCE_SEED', 'Seed an empty database with the demo hospital; false leaves it empty, e.g. before `medalliance import-fhir` (the --no-seed flag wins).', true),
  ...aggregateSettings,
  gatewayJwksUrl: urlSetting('MEDALLIANCE_GATEWAY_JWKS_URL', "The gateway's JWKS URL (production); unset = the dev gateway key under MEDALLIANCE_DATA_DIR/keys.", ['http:', 'https:']),
};

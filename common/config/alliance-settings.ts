import { intSetting, urlSetting, type Setting } from './setting';
import { aggregateSettings } from './aggregate-settings';
import { auditWitnessSettings, databaseSettings, seedSettings, sharedSettings } from './shared-settings';
import { subgraphTlsSettings, tlsSettings } from './tls-settings';

/** hospitalId → subgraph URL, each http(s); parsed once at start. */
export function memberUrlsSetting(env: string, description: string): Setting<Record<string, string>> {
  return {
    env,
    description,
    default: {},
    defaultText: '{}',
    parse(raw) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new Error('must be a JSON object such as {"dh-lead":"http://127.0.0.1:4101/graphql"}');
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('must be a JSON object of hospitalId → URL');
      const out: Record<string, string> = {};
      for (const [id, url] of Object.entries(parsed as Record<string, unknown>)) {
        if (!/^[a-z][a-z0-9-]{1,62}$/.test(id)) throw new Error(`has an invalid hospital id "${id.slice(0, 70)}"`);
        if (typeof url !== 'string') throw new Error(`gives a non-string URL for ${id}`);
        let protocol: string;
        try {
          protocol = new URL(url).protocol;
        } catch {
          throw new Error(`gives a malformed URL for ${id}`);
        }
        if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`must use http or https for ${id}`);
        out[id] = url;
      }
      return out;
    },
  };
}

/** Settings of the alliance subgraph process (lead hospital). */
export const allianceSettings = {
  ...sharedSettings,
  ...databaseSettings,
  ...tlsSettings,
  ...subgraphTlsSettings,
  port: intSetting('PORT', 'Port of the alliance subgraph (0 = any free port).', 4001, 0, 65535),
  ...seedSettings,
  memberUrls: memberUrlsSetting('MEDALLIANCE_MEMBER_URLS', 'JSON object hospitalId → subgraph URL, written into the registry at start (members on other ports).'),
  ...aggregateSettings,
  gatewayJwksUrl: urlSetting('MEDALLIANCE_GATEWAY_JWKS_URL', "The gateway's JWKS URL (production; https:// there); unset = the dev key under MEDALLIANCE_DATA_DIR/keys.", [
    'http:',
    'https:',
  ]),
  ...auditWitnessSettings,
};

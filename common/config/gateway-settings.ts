import { loadConfig } from './load-config';
import { enumSetting, intSetting, urlSetting } from './setting';
import { sharedSettings } from './shared-settings';

/** The gateway's own settings (DESIGN 4); `sharedSettings` are added in `gatewayConfigSettings`. */
export const gatewaySettings = {
  port: intSetting('PORT', 'Port of the gateway (0 = any free port).', 4000, 0, 65535),
  allianceUrl: urlSetting('ALLIANCE_URL', 'GraphQL endpoint of the alliance subgraph; the member registry is read from it.', ['http:', 'https:'], 'http://127.0.0.1:4001/graphql'),
  memberTimeoutMs: intSetting('MEDALLIANCE_MEMBER_TIMEOUT_MS', 'Per-member timeout of one subgraph request, in ms; a member slower than this is MEMBER_UNAVAILABLE.', 2000, 50, 120000),
  allianceTimeoutMs: intSetting('MEDALLIANCE_ALLIANCE_TIMEOUT_MS', 'Timeout of a registry poll of the alliance subgraph, in ms.', 5000, 50, 120000),
  registryPollMs: intSetting('MEDALLIANCE_REGISTRY_POLL_MS', 'How often the gateway re-reads the member registry from the alliance, in ms.', 5000, 100, 3600000),
  breakerFailures: intSetting('MEDALLIANCE_BREAKER_FAILURES', 'Consecutive failures after which a member is cut off (circuit open).', 5, 1, 1000),
  breakerCooldownMs: intSetting('MEDALLIANCE_BREAKER_COOLDOWN_MS', 'How long a cut-off member gets no requests before one trial request, in ms.', 10000, 100, 3600000),
  maxSockets: intSetting('MEDALLIANCE_MEMBER_MAX_SOCKETS', 'Keep-alive sockets per subgraph endpoint.', 64, 1, 10000),
  keepAliveMs: intSetting('MEDALLIANCE_KEEPALIVE_MS', 'How long an idle subgraph socket is kept open, in ms.', 30000, 1000, 600000),
  introspection: enumSetting('MEDALLIANCE_INTROSPECTION', 'GraphQL introspection (and so GraphiQL); auto = on unless MEDALLIANCE_PRODUCTION.', ['auto', 'true', 'false'] as const, 'auto'),
};

export const gatewayConfigSettings = { ...sharedSettings, ...gatewaySettings };

/** Parses the gateway's settings; every problem reported at once (ConfigError). */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(gatewayConfigSettings, env);
}

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

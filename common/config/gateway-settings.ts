import { ConfigError, loadConfig } from './load-config';
import { boolSetting, enumSetting, intSetting, stringSetting, urlSetting } from './setting';
import { sharedSettings } from './shared-settings';
import { checkProductionJwks, tlsSettings } from './tls-settings';

/** The gateway's own settings (DESIGN 4); `sharedSettings` are added in `gatewayConfigSettings`. */
export const gatewaySettings = {
  port: intSetting('PORT', 'Port of the gateway (0 = any free port).', 4000, 0, 65535),
  allianceUrl: urlSetting('ALLIANCE_URL', 'GraphQL endpoint of the alliance subgraph; the member registry is read from it.', ['http:', 'https:'], 'http://127.0.0.1:4001/graphql'),
  memberTimeoutMs: intSetting(
    'MEDALLIANCE_MEMBER_TIMEOUT_MS',
    'Per-member timeout of one subgraph request, in ms; a member slower than this is MEMBER_UNAVAILABLE.',
    2000,
    50,
    120000,
  ),
  allianceTimeoutMs: intSetting('MEDALLIANCE_ALLIANCE_TIMEOUT_MS', 'Timeout of a registry poll of the alliance subgraph, in ms.', 5000, 50, 120000),
  registryPollMs: intSetting('MEDALLIANCE_REGISTRY_POLL_MS', 'How often the gateway re-reads the member registry from the alliance, in ms.', 5000, 100, 3600000),
  memberProbeMs: intSetting(
    'MEDALLIANCE_MEMBER_PROBE_MS',
    "How often the gateway probes each member's health (its /readyz, which pings its database), in ms; /readyz shows each member up or down. Independent of the registry poll.",
    3000,
    100,
    60000,
  ),
  breakerFailures: intSetting('MEDALLIANCE_BREAKER_FAILURES', 'Consecutive failures after which a member is cut off (circuit open).', 5, 1, 1000),
  breakerCooldownMs: intSetting('MEDALLIANCE_BREAKER_COOLDOWN_MS', 'How long a cut-off member gets no requests before one trial request, in ms.', 10000, 100, 3600000),
  maxSockets: intSetting('MEDALLIANCE_MEMBER_MAX_SOCKETS', 'Keep-alive sockets per subgraph endpoint.', 64, 1, 10000),
  keepAliveMs: intSetting('MEDALLIANCE_KEEPALIVE_MS', 'How long an idle subgraph socket is kept open, in ms.', 30000, 1000, 600000),
  fastPath: boolSetting(
    'MEDALLIANCE_FAST_PATH',
    "Answer an operation already planned as one fetch of root fields from one subgraph (hospitals or alliance) by a step of Apollo's request pipeline instead of its executor (same checks, answer and errors, less CPU); false = every request goes to the executor.",
    true,
  ),
  introspection: enumSetting(
    'MEDALLIANCE_INTROSPECTION',
    'GraphQL introspection and "Did you mean" field suggestions (GraphiQL needs them); auto = on unless MEDALLIANCE_PRODUCTION; `medalliance start` sets true.',
    ['auto', 'true', 'false'] as const,
    'auto',
  ),
  jwksUrl: urlSetting(
    'MEDALLIANCE_JWKS_URL',
    "The identity provider's JWKS URL for caller tokens (RS256/ES256); unset = dev issuer key under MEDALLIANCE_DATA_DIR/keys (refused with MEDALLIANCE_PRODUCTION, which also requires https://).",
    ['http:', 'https:'],
  ),
  jwtIssuer: stringSetting(
    'MEDALLIANCE_JWT_ISSUER',
    "Required `iss` of caller tokens from MEDALLIANCE_JWKS_URL; must be set with MEDALLIANCE_PRODUCTION (outside production, unset = any issuer the JWKS's keys sign for).",
  ),
  jwtAudience: stringSetting('MEDALLIANCE_JWT_AUDIENCE', 'Required `aud` of caller tokens from MEDALLIANCE_JWKS_URL.', 'medalliance'),
  maxDepth: intSetting('MEDALLIANCE_MAX_DEPTH', 'Deepest field nesting of an operation (DESIGN 3.3 needs 5).', 10, 2, 100),
  maxAliases: intSetting('MEDALLIANCE_MAX_ALIASES', 'Aliases per operation (alias overloading).', 15, 0, 1000),
  maxDirectives: intSetting('MEDALLIANCE_MAX_DIRECTIVES', 'Directives per operation (directive overloading).', 10, 0, 1000),
  maxTokens: intSetting('MEDALLIANCE_MAX_TOKENS', "Lexical tokens per document, counted before parsing (GraphiQL's introspection query has about 165).", 2000, 100, 100000),
  maxCost: intSetting(
    'MEDALLIANCE_MAX_COST',
    'Estimated fields resolved per operation: list fields multiply their selection by their size from the SDL (`@listSize`), else `first`, else the default multiplier.',
    25000,
    100,
    10000000,
  ),
  listMultiplier: intSetting(
    'MEDALLIANCE_LIST_MULTIPLIER',
    'Assumed length of a list field the SDL does not size (no `@listSize`, no `first` argument), for the cost estimate.',
    10,
    1,
    1000,
  ),
  maxDuplicateFields: intSetting('MEDALLIANCE_MAX_DUPLICATE_FIELDS', 'Times one response key may repeat in one selection set (field duplication).', 3, 1, 1000),
  bodyLimitBytes: intSetting('MEDALLIANCE_BODY_LIMIT_BYTES', 'Largest request body accepted at /graphql, in bytes; larger is HTTP 413.', 102400, 1024, 10485760),
  rateLimitPerSecond: intSetting(
    'MEDALLIANCE_RATE_LIMIT_PER_SECOND',
    'Sustained GraphQL requests per second per caller (token subject), per gateway replica; 0 = no rate limit.',
    20,
    0,
    100000,
  ),
  maxAnswerBytes: intSetting(
    'MEDALLIANCE_MEMBER_MAX_ANSWER_BYTES',
    "Largest answer read from one member for one request, in bytes; a larger answer is dropped unread and that member's part is MEMBER_UNAVAILABLE, the rest answered.",
    8388608,
    1024,
    1073741824,
  ),
  maxConcurrentPerCaller: intSetting(
    'MEDALLIANCE_MAX_CONCURRENT_PER_CALLER',
    'GraphQL requests one caller (token subject) may have in flight at once, per gateway replica; more is RATE_LIMITED; 0 = no cap.',
    16,
    0,
    100000,
  ),
  publicUrl: urlSetting(
    'MEDALLIANCE_PUBLIC_URL',
    "Base URL clients reach the gateway at (e.g. https://gateway.hospital.example), used in FHIR Bundle links; unset = http://HOST:PORT of the listening socket. Never taken from a request's Host header.",
    ['http:', 'https:'],
  ),
  rateLimitBurst: intSetting('MEDALLIANCE_RATE_LIMIT_BURST', 'Requests a caller may send at once before the per-second rate applies.', 60, 1, 1000000),
};

export const gatewayConfigSettings = { ...sharedSettings, ...tlsSettings, ...gatewaySettings };

/**
 * Parses the gateway's settings; every problem reported at once (ConfigError). Production
 * refuses dev keys for callers: tokens must come from an identity provider's JWKS, over
 * https://.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(gatewayConfigSettings, env);
  checkProductionAuth(config);
  return config;
}

export type GatewayConfig = ReturnType<typeof loadConfig<typeof gatewayConfigSettings>>;

export function checkProductionAuth(config: Pick<GatewayConfig, 'production' | 'jwksUrl' | 'jwtIssuer'>): void {
  if (!config.production) return;
  const problems: string[] = [];
  if (!config.jwksUrl) problems.push('MEDALLIANCE_JWKS_URL must be set when MEDALLIANCE_PRODUCTION=true: production refuses the dev issuer key for caller tokens.');
  if (!config.jwtIssuer)
    problems.push(
      "MEDALLIANCE_JWT_ISSUER must be set when MEDALLIANCE_PRODUCTION=true: production accepts caller tokens of the configured issuer only (the identity provider's `iss`).",
    );
  try {
    checkProductionJwks(config.production, { MEDALLIANCE_JWKS_URL: config.jwksUrl });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  // every problem in one message
  if (problems.length > 0) throw new ConfigError(problems);
}

/** The query limits of `gateway/plugins/limits.ts`, from the gateway's config. */
export function limitsOf(config: GatewayConfig) {
  return {
    maxDepth: config.maxDepth,
    maxAliases: config.maxAliases,
    maxDirectives: config.maxDirectives,
    maxTokens: config.maxTokens,
    maxCost: config.maxCost,
    listMultiplier: config.listMultiplier,
    maxDuplicateFields: config.maxDuplicateFields,
  };
}

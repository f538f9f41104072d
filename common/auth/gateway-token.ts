import { KeyObject, randomUUID, sign } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, customFetch, type JWK, type JWTVerifyGetKey } from 'jose';
import { Agent, fetch as undiciFetch } from 'undici';
import type { ClientTls } from '../config/tls-settings';
import { UnauthenticatedError } from '../errors';
import { decodeJsonObject, es256Verifies, parseCompactEs256 } from './compact-jws';
import { CALLER_ROLES, MEMBER_STATUSES, PURPOSES_OF_USE, type Caller, type CallerRole, type MemberStatus, type PurposeOfUse } from './caller';
import type { SigningKey } from './key-store';
import { registeredClaimsHold } from './registered-claims';
import { ReplayCache } from './replay-cache';
import { requestHash, type SubgraphRequestBody } from './request-hash';
import { VerifiedTokenCache } from './verified-token-cache';

export type { SubgraphRequestBody } from './request-hash';

/**
 * The short-lived token the gateway signs for each subgraph call (DESIGN 5): the
 * caller's claims, purpose and request id, audience = that subgraph, a unique `jti` the
 * subgraph accepts once, and `req_hash`, the hash of the one operation and variables it
 * was signed for. Subgraphs accept nothing else.
 *
 * Life: 25 s after `iat`, plus at most 5 s of clock difference between the gateway and
 * the subgraph, so no subgraph accepts a token more than 30 s after it was signed.
 */
export const GATEWAY_ISSUER = 'medalliance-gateway';
export const GATEWAY_TOKEN_TTL_SECONDS = 25;
export const GATEWAY_CLOCK_SKEW_SECONDS = 5;
/** The longest a subgraph accepts one token after its `iat`: life + skew. */
export const GATEWAY_TOKEN_MAX_AGE_SECONDS = GATEWAY_TOKEN_TTL_SECONDS + GATEWAY_CLOCK_SKEW_SECONDS;
export const GATEWAY_KEY_NAME = 'gateway';

export function hospitalAudience(hospitalId: string): string {
  return `hospital:${hospitalId}`;
}
export const ALLIANCE_AUDIENCE = 'alliance';

/** What signing needs of a key beyond jose's form, made once per key. */
interface SigningState {
  signWith: { key: KeyObject; dsaEncoding: 'ieee-p1363' };
  /** The protected header, base64url: the same for every token of the key. */
  header: string;
}
const signingStates = new WeakMap<SigningKey, SigningState>();

function signingState(key: SigningKey): SigningState {
  let state = signingStates.get(key);
  if (!state) {
    const header = Buffer.from(JSON.stringify({ alg: key.alg, kid: key.kid })).toString('base64url');
    state = { signWith: { key: KeyObject.from(key.privateKey), dsaEncoding: 'ieee-p1363' }, header };
    signingStates.set(key, state);
  }
  return state;
}

/**
 * Signs the token of one subgraph call whose request hashes to `reqHash` (`requestHash`
 * of exactly what the call posts); sign again for every call, a retry included: a subgraph
 * accepts each token once. The compact JWS jose's SignJWT would make, signed by
 * node:crypto at once: the gateway signs one token per member call, and WebCrypto's
 * promise per signature costs about twice the CPU.
 */
export function signGatewayTokenForHash(key: SigningKey, caller: Caller, audience: string, reqHash: string, requestId?: string): string {
  const { signWith, header } = signingState(key);
  const iat = Math.floor(Date.now() / 1000);
  const claims: Record<string, string | number> = { role: caller.role };
  if (caller.hospitalId) claims.hospitalId = caller.hospitalId;
  if (caller.staffId) claims.staffId = caller.staffId;
  if (caller.purpose) claims.purpose = caller.purpose;
  if (caller.memberStatus) claims.memberStatus = caller.memberStatus;
  if (requestId) claims.rid = requestId;
  claims.req_hash = reqHash;
  claims.sub = caller.subject;
  claims.iss = GATEWAY_ISSUER;
  claims.aud = audience;
  claims.jti = randomUUID();
  claims.iat = iat;
  claims.exp = iat + GATEWAY_TOKEN_TTL_SECONDS;
  const signingInput = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(signingInput), signWith);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** Signs the token of one subgraph call; `request` is exactly what the call posts. */
export async function signGatewayToken(key: SigningKey, caller: Caller, audience: string, request: SubgraphRequestBody, requestId?: string): Promise<string> {
  return signGatewayTokenForHash(key, caller, audience, requestHash(request), requestId);
}

/** Where verification keys come from: a JWKS URL (with the TLS trust for https://), a key resolver (dev keys), or a fixed list. */
export type KeySource = { jwksUrl: string; tls?: ClientTls } | { getKey: JWTVerifyGetKey & { version?: () => unknown } } | { jwks: () => JWK[] };

/** The resolver, and which key set it last used: a different `version()` means the set changed. */
function keyResolver(source: KeySource): { getKey: JWTVerifyGetKey; version: () => unknown } {
  if ('jwksUrl' in source) {
    const tls = source.tls ?? {};
    // the gateway's certificate chains to the alliance's own CA (MEDALLIANCE_CA_FILE), not a public one
    const dispatcher = tls.ca || tls.cert ? new Agent({ connect: { ca: tls.ca, cert: tls.cert, key: tls.key } }) : undefined;
    const fetchJwks = dispatcher ? { [customFetch]: ((url: string, init: RequestInit) => undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof fetch } : {};
    const remote = createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 5_000, cacheMaxAge: 60_000, ...fetchJwks });
    return { getKey: remote, version: () => JSON.stringify(remote.jwks() ?? null) };
  }
  if ('getKey' in source) return { getKey: source.getKey, version: source.getKey.version ?? (() => undefined) };
  let version = '';
  return {
    getKey: (header, token) => {
      const keys = source.jwks();
      version = JSON.stringify(keys);
      return createLocalJWKSet({ keys })(header, token);
    },
    version: () => version,
  };
}

export function claimsToCaller(payload: Record<string, unknown>): Caller {
  const role = payload.role as CallerRole;
  if (typeof payload.sub !== 'string' || !CALLER_ROLES.includes(role)) throw new UnauthenticatedError('Token lacks a subject or a known role.');
  const purpose = payload.purpose as PurposeOfUse | undefined;
  if (purpose !== undefined && !PURPOSES_OF_USE.includes(purpose)) throw new UnauthenticatedError('Token carries an unknown purpose of use.');
  const memberStatus = payload.memberStatus as MemberStatus | undefined;
  if (memberStatus !== undefined && !MEMBER_STATUSES.includes(memberStatus)) throw new UnauthenticatedError('Token carries an unknown member status.');
  return {
    subject: payload.sub,
    role,
    hospitalId: typeof payload.hospitalId === 'string' ? payload.hospitalId : undefined,
    staffId: typeof payload.staffId === 'string' ? payload.staffId : undefined,
    purpose,
    ...(memberStatus ? { memberStatus } : {}),
  };
}

export interface GatewayTokenVerifierOptions {
  /** Verified signatures remembered (a replay is then refused without a signature check). */
  cacheEntries?: number;
  /** Accepted `jti` values remembered at most (see ReplayCache); beyond, new tokens are refused. */
  replayEntries?: number;
  /** The clock of expiry checks, for tests; ms since the epoch. */
  now?: () => number;
}

/** What a verified token says beyond the caller: its once-only id and the request it is for. */
interface VerifiedGatewayToken {
  caller: Caller;
  jti: string;
  reqHash: string;
  expiresAt: number;
}

/** The body of a call, checked against `req_hash`; undefined when the call carried no operation. */
export type VerifyGatewayToken = (token: string, request: SubgraphRequestBody | undefined) => Promise<Caller>;

const INVALID = 'The gateway token is missing, expired or not valid for this subgraph.';

function verifiedClaims(payload: Record<string, unknown>): VerifiedGatewayToken {
  const { jti, req_hash: reqHash, iat, exp } = payload;
  if (typeof jti !== 'string' || jti === '' || jti.length > 200 || typeof reqHash !== 'string' || typeof iat !== 'number' || typeof exp !== 'number')
    throw new UnauthenticatedError(INVALID);
  // only our signer makes these tokens; a longer life than it gives is not one of them
  if (exp - iat > GATEWAY_TOKEN_TTL_SECONDS) throw new UnauthenticatedError(INVALID);
  return { caller: claimsToCaller(payload), jti, reqHash, expiresAt: exp * 1000 };
}

/**
 * Verifies a gateway token for one audience (compared exactly) and one received call;
 * any failure is UNAUTHENTICATED, never a detail. In order: the signature and fixed
 * claims (issuer, audience, life); then, on every presentation, that `req_hash` is the
 * hash of the body received; then that its `jti` was never accepted before. A token
 * whose signature verified is remembered until its `exp`, which only spares the
 * signature check of a replay: the last two checks are never cached. The cache is
 * emptied as soon as a verification sees a different key set (a rotation), so a removed
 * key's token is checked again and refused.
 */
export function createGatewayTokenVerifier(source: KeySource, audience: string, options: GatewayTokenVerifierOptions = {}): VerifyGatewayToken {
  const keys = keyResolver(source);
  const now = options.now ?? Date.now;
  const skewMs = GATEWAY_CLOCK_SKEW_SECONDS * 1000;
  const verified = new VerifiedTokenCache<VerifiedGatewayToken>(GATEWAY_TOKEN_MAX_AGE_SECONDS * 1000, options.cacheEntries ?? 1000, now);
  const accepted = new ReplayCache(options.replayEntries ?? 100_000, now);
  let keySetVersion: unknown;
  let generation = 0;
  const noteKeySet = () => {
    const version = keys.version();
    if (version === keySetVersion) return;
    keySetVersion = version;
    verified.clear();
    generation += 1;
  };
  const verifySignature = async (token: string): Promise<VerifiedGatewayToken> => {
    const cached = verified.get(token);
    if (cached) return cached;
    let keySetOfThisToken = -1;
    try {
      const jws = parseCompactEs256(token);
      let key: unknown;
      try {
        key = await keys.getKey(jws.header, jws.parts);
      } finally {
        noteKeySet();
        keySetOfThisToken = generation;
      }
      if (!es256Verifies(key, jws)) throw new UnauthenticatedError(INVALID);
      const payload = decodeJsonObject(jws.parts.payload);
      const rules = {
        issuer: GATEWAY_ISSUER,
        audience,
        nowSeconds: Math.floor(now() / 1000),
        toleranceSeconds: GATEWAY_CLOCK_SKEW_SECONDS,
        maxAgeSeconds: GATEWAY_TOKEN_TTL_SECONDS,
        required: ['jti'],
      };
      if (!registeredClaimsHold(payload, rules)) throw new UnauthenticatedError(INVALID);
      // an `aud` list naming us passes the check above; a subgraph's audience is one exact string
      if (payload.aud !== audience) throw new UnauthenticatedError(INVALID);
      const claims = verifiedClaims(payload);
      // checked against a key set that has changed since: valid now, but not remembered
      if (keySetOfThisToken === generation) verified.set(token, claims, claims.expiresAt + skewMs);
      return claims;
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      throw new UnauthenticatedError(INVALID);
    }
  };
  return async (token, request) => {
    const claims = await verifySignature(token);
    if (!request || requestHash(request) !== claims.reqHash) throw new UnauthenticatedError('The gateway token was signed for another request.');
    const outcome = accepted.claim(claims.jti, claims.expiresAt + skewMs);
    if (outcome === 'replayed') throw new UnauthenticatedError('The gateway token has already been used.');
    if (outcome === 'full') throw new UnauthenticatedError('The subgraph is receiving more calls than it can check for replays; try again shortly.');
    return { ...claims.caller };
  };
}

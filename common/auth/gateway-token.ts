import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '../errors';
import { CALLER_ROLES, MEMBER_STATUSES, PURPOSES_OF_USE, type Caller, type CallerRole, type MemberStatus, type PurposeOfUse } from '../../subgraphs/runtime/auth/caller';
import type { SigningKey } from './key-store';
import { VerifiedTokenCache } from './verified-token-cache';

/**
 * The short-lived token the gateway signs for each subgraph call (DESIGN 5): the
 * caller's claims, purpose and request id, audience = that subgraph. Subgraphs accept
 * nothing else.
 */
export const GATEWAY_ISSUER = 'medalliance-gateway';
export const GATEWAY_TOKEN_TTL_SECONDS = 60;
export const GATEWAY_KEY_NAME = 'gateway';

export function hospitalAudience(hospitalId: string): string {
  return `hospital:${hospitalId}`;
}
export const ALLIANCE_AUDIENCE = 'alliance';

export async function signGatewayToken(key: SigningKey, caller: Caller, audience: string, requestId?: string): Promise<string> {
  return new SignJWT({
    role: caller.role,
    ...(caller.hospitalId ? { hospitalId: caller.hospitalId } : {}),
    ...(caller.staffId ? { staffId: caller.staffId } : {}),
    ...(caller.purpose ? { purpose: caller.purpose } : {}),
    ...(caller.memberStatus ? { memberStatus: caller.memberStatus } : {}),
    ...(requestId ? { rid: requestId } : {}),
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setSubject(caller.subject)
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${GATEWAY_TOKEN_TTL_SECONDS}s`)
    .sign(key.privateKey);
}

/** Where verification keys come from: a JWKS URL, a key resolver (dev keys), or a fixed list. */
export type KeySource = { jwksUrl: string } | { getKey: JWTVerifyGetKey & { version?: () => unknown } } | { jwks: () => JWK[] };

/** The resolver, and which key set it last used: a different `version()` means the set changed. */
function keyResolver(source: KeySource): { getKey: JWTVerifyGetKey; version: () => unknown } {
  if ('jwksUrl' in source) {
    const remote = createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 5_000, cacheMaxAge: 60_000 });
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
  return {
    subject: payload.sub,
    role,
    hospitalId: typeof payload.hospitalId === 'string' ? payload.hospitalId : undefined,
    staffId: typeof payload.staffId === 'string' ? payload.staffId : undefined,
    purpose,
  };
}

/**
 * The gateway's statement of the caller's membership, read only from a token the gateway
 * signed (never from a caller's own token: `claimsToCaller` ignores it). Anything but a
 * known status counts as UNKNOWN, which reads and writes nothing.
 */
export function memberStatusClaim(payload: Record<string, unknown>): MemberStatus | undefined {
  const value = payload.memberStatus;
  if (value === undefined) return undefined;
  return MEMBER_STATUSES.includes(value as MemberStatus) ? (value as MemberStatus) : 'UNKNOWN';
}

export interface GatewayTokenVerifierOptions {
  /** Verified tokens remembered (the gateway reuses one token per member for a while). */
  cacheEntries?: number;
  /** The clock of expiry checks, for tests; ms since the epoch. */
  now?: () => number;
}

/**
 * Verifies a gateway token for one audience; any failure is UNAUTHENTICATED, never a
 * detail. A token that verified is accepted from a cache until its own `exp`; the cache
 * is emptied as soon as a verification sees a different key set (a rotation), so a
 * removed key's token is checked again and refused.
 */
export function createGatewayTokenVerifier(source: KeySource, audience: string, options: GatewayTokenVerifierOptions = {}): (token: string) => Promise<Caller> {
  const keys = keyResolver(source);
  const now = options.now ?? Date.now;
  const verified = new VerifiedTokenCache(GATEWAY_TOKEN_TTL_SECONDS * 1000, options.cacheEntries ?? 1000, now);
  let keySetVersion: unknown;
  let generation = 0;
  const noteKeySet = () => {
    const version = keys.version();
    if (version === keySetVersion) return;
    keySetVersion = version;
    verified.clear();
    generation += 1;
  };
  return async (token) => {
    const cached = verified.get(token);
    if (cached) return { ...cached };
    let keySetOfThisToken = -1;
    const getKey: JWTVerifyGetKey = async (header, jws) => {
      try {
        return await keys.getKey(header, jws);
      } finally {
        noteKeySet();
        keySetOfThisToken = generation;
      }
    };
    try {
      const { payload } = await jwtVerify(token, getKey, { issuer: GATEWAY_ISSUER, audience, algorithms: ['ES256', 'RS256'], currentDate: new Date(now()) });
      const caller = claimsToCaller(payload as Record<string, unknown>);
      const memberStatus = memberStatusClaim(payload as Record<string, unknown>);
      if (memberStatus) caller.memberStatus = memberStatus;
      // checked against a key set that has changed since: valid now, but not remembered
      if (keySetOfThisToken === generation) verified.set(token, caller, typeof payload.exp === 'number' ? payload.exp * 1000 : undefined);
      return { ...caller };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      throw new UnauthenticatedError('The gateway token is missing, expired or not valid for this subgraph.');
    }
  };
}

import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, SignJWT, type JWK, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '../errors';
import { CALLER_ROLES, PURPOSES_OF_USE, type Caller, type CallerRole, type PurposeOfUse } from '../../subgraphs/runtime/auth/caller';
import type { SigningKey } from './key-store';

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
export type KeySource = { jwksUrl: string } | { getKey: JWTVerifyGetKey } | { jwks: () => JWK[] };

function keyResolver(source: KeySource): JWTVerifyGetKey {
  if ('jwksUrl' in source) return createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 5_000, cacheMaxAge: 60_000 });
  if ('getKey' in source) return source.getKey;
  return (header, token) => createLocalJWKSet({ keys: source.jwks() })(header, token);
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

/** Verifies a gateway token for one audience; any failure is UNAUTHENTICATED, never a detail. */
export function createGatewayTokenVerifier(source: KeySource, audience: string): (token: string) => Promise<Caller> {
  const getKey = keyResolver(source);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, getKey, { issuer: GATEWAY_ISSUER, audience, algorithms: ['ES256', 'RS256'] });
      return claimsToCaller(payload as Record<string, unknown>);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      throw new UnauthenticatedError('The gateway token is missing, expired or not valid for this subgraph.');
    }
  };
}

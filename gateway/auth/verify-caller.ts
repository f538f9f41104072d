import type { IncomingHttpHeaders } from 'node:http';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { CALLER_CLOCK_SKEW_SECONDS, DEV_CALLER_AUDIENCE, DEV_ISSUER, DEV_ISSUER_KEY_NAME, lifetimeProblem } from '../../common/auth/caller-token';
import { claimsToCaller } from '../../common/auth/gateway-token';
import { devKeySet } from '../../common/auth/dev-key-set';
import { VerifiedTokenCache } from '../../common/auth/verified-token-cache';
import { BadUserInputError, UnauthenticatedError } from '../../common/errors';
import { PURPOSES_OF_USE, type Caller, type PurposeOfUse } from '../../common/auth/caller';

export interface CallerAuthOptions {
  /** Production: the identity provider's JWKS. Unset = dev issuer key under dataDir. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  dataDir: string;
}

export type VerifyCaller = (headers: IncomingHttpHeaders) => Promise<Caller>;

export const PURPOSE_HEADER = 'x-purpose-of-use';

function bearer(headers: IncomingHttpHeaders): string {
  const value = headers.authorization;
  if (!value) throw new UnauthenticatedError('Authentication required: send "Authorization: Bearer <token>".');
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(value.trim());
  if (!match) throw new UnauthenticatedError('Authorization must be "Bearer <token>".');
  return match[1];
}

/** DESIGN 5: clinicians state why they read (TREATMENT | EMERGENCY | REFERRAL). */
export function purposeOfUse(headers: IncomingHttpHeaders): PurposeOfUse | undefined {
  const raw = headers[PURPOSE_HEADER];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim().toUpperCase();
  if (!value) return undefined;
  if (!(PURPOSES_OF_USE as readonly string[]).includes(value)) {
    throw new BadUserInputError(`X-Purpose-Of-Use must be one of ${PURPOSES_OF_USE.join(', ')}.`);
  }
  return value as PurposeOfUse;
}

const REFUSED = 'The bearer token is expired, malformed or not issued for this alliance.';

/**
 * Verifies the caller's own token (RS256/ES256) against the identity provider's JWKS or
 * the dev issuer key. Expired, malformed, wrongly signed or wrong-audience tokens are
 * UNAUTHENTICATED, with no detail of which check failed; so are tokens without `exp`,
 * `iat`, `sub` or `role`, issued in the future, or living longer than 12 h (DESIGN 5). A
 * `service` role cannot be claimed by a caller: it is the gateway's own, and so is the
 * `memberStatus` claim (the registry's word, set per request, never the token's).
 */
export function createCallerVerifier(options: CallerAuthOptions): VerifyCaller {
  const getKey: JWTVerifyGetKey = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 5_000, cacheMaxAge: 10 * 60_000 })
    : devKeySet(options.dataDir, DEV_ISSUER_KEY_NAME);
  const issuer = options.issuer ?? (options.jwksUrl ? undefined : DEV_ISSUER);
  const audience = options.audience ?? (options.jwksUrl ? undefined : DEV_CALLER_AUDIENCE);
  const verified = new VerifiedTokenCache();
  return async (headers) => {
    const token = bearer(headers);
    let caller = verified.get(token);
    if (!caller) {
      let expiresAt: number;
      try {
        const { payload } = await jwtVerify(token, getKey, {
          issuer,
          audience,
          algorithms: ['RS256', 'ES256'],
          requiredClaims: ['exp', 'iat', 'sub'],
          clockTolerance: CALLER_CLOCK_SKEW_SECONDS,
        });
        if (lifetimeProblem(payload) !== undefined) throw new Error('lifetime');
        const { memberStatus: _ignored, ...claimed } = claimsToCaller(payload);
        caller = claimed;
        expiresAt = (payload.exp as number) * 1000;
      } catch {
        throw new UnauthenticatedError(REFUSED);
      }
      if (caller.role === 'service') throw new UnauthenticatedError(REFUSED);
      verified.set(token, caller, expiresAt);
    }
    return { ...caller, purpose: purposeOfUse(headers) };
  };
}

import { SignJWT } from 'jose';
import { BadUserInputError } from '../errors';
import { CALLER_ROLES, PURPOSES_OF_USE, type CallerRole } from './caller';
import type { SigningKey } from './key-store';

/**
 * Dev tokens for callers of the gateway (`medalliance token`), signed with the dev
 * issuer key under `<dataDir>/keys`. Production callers bring tokens from the
 * hospital's identity provider, verified against its JWKS URL.
 */
export const DEV_ISSUER = 'medalliance-dev';
export const DEV_CALLER_AUDIENCE = 'medalliance';
export const DEV_ISSUER_KEY_NAME = 'dev-issuer';

/** Roles a person can hold; `service` is reserved for the gateway itself. */
export const PERSON_ROLES: Exclude<CallerRole, 'service'>[] = CALLER_ROLES.filter((r) => r !== 'service');

export interface DevTokenRequest {
  role: string;
  hospitalId?: string;
  staffId?: string;
  subject?: string;
  /** e.g. 30m, 8h, 7d */
  ttl?: string;
}

const TTL = /^(\d{1,4})([smhd])$/;

/** DESIGN 5: a caller token lives at most 12 hours (`exp` - `iat`). */
export const MAX_CALLER_TOKEN_SECONDS = 12 * 3600;
/** Clock difference tolerated between the identity provider and the gateway. */
export const CALLER_CLOCK_SKEW_SECONDS = 60;

export function parseTtl(ttl: string): number {
  const match = TTL.exec(ttl);
  if (!match) throw new BadUserInputError(`ttl "${ttl}" must look like 30m, 8h or 7d.`);
  const seconds = Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  if (seconds < 1 || seconds > MAX_CALLER_TOKEN_SECONDS) throw new BadUserInputError('ttl must be between 1 second and 12 hours (the gateway refuses longer-lived tokens).');
  return seconds;
}

export async function issueDevToken(key: SigningKey, request: DevTokenRequest): Promise<string> {
  if (!(PERSON_ROLES as string[]).includes(request.role)) throw new BadUserInputError(`role must be one of ${PERSON_ROLES.join(', ')}.`);
  if (request.role === 'clinician' && !request.hospitalId) throw new BadUserInputError('a clinician token needs --hospital.');
  const seconds = parseTtl(request.ttl ?? '8h');
  const issuedAt = Math.floor(Date.now() / 1000);
  const subject = request.subject ?? `${request.role}${request.staffId ? `-${request.staffId}` : ''}${request.hospitalId ? `@${request.hospitalId}` : ''}`;
  return new SignJWT({
    role: request.role,
    ...(request.hospitalId ? { hospitalId: request.hospitalId } : {}),
    ...(request.staffId ? { staffId: request.staffId } : {}),
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_CALLER_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + seconds)
    .sign(key.privateKey);
}

/**
 * Lifetime rules of a caller token beyond its signature (DESIGN 5): `exp` and `iat` present,
 * `iat` not in the future, `exp` at most 12 h after `iat`. Returns why a token fails, or
 * undefined; the caller is told none of it.
 */
export function lifetimeProblem(payload: { exp?: unknown; iat?: unknown }, nowSeconds: number = Date.now() / 1000): string | undefined {
  const { exp, iat } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'no exp';
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return 'no iat';
  if (iat > nowSeconds + CALLER_CLOCK_SKEW_SECONDS) return 'iat in the future';
  if (exp - iat > MAX_CALLER_TOKEN_SECONDS) return 'lives longer than 12 h';
  if (exp <= iat) return 'exp not after iat';
  return undefined;
}

export { PURPOSES_OF_USE };

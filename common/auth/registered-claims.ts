/** What a token's registered claims must satisfy; times in seconds since the epoch. */
export interface RegisteredClaimRules {
  issuer: string;
  audience: string;
  nowSeconds: number;
  /** Clock difference allowed on every time check. */
  toleranceSeconds: number;
  /** The longest accepted after `iat` (beyond the tolerance). */
  maxAgeSeconds: number;
  /** Claims that must be present besides iss, aud, iat and exp. */
  required: readonly string[];
}

/**
 * The checks jose's jwtVerify made of a claims set with these options (issuer, audience,
 * clockTolerance, maxTokenAge, requiredClaims), with `exp` required as well: present and
 * the right type, issuer equal, audience equal or a member, not expired, not before
 * `nbf`, `iat` neither older than the maximum age nor in the future.
 */
export function registeredClaimsHold(claims: Record<string, unknown>, rules: RegisteredClaimRules): boolean {
  for (const claim of [...rules.required, 'iss', 'aud', 'iat', 'exp']) if (!Object.hasOwn(claims, claim)) return false;
  if (claims.iss !== rules.issuer) return false;
  const { aud, iat, nbf, exp } = claims;
  if (!(typeof aud === 'string' ? aud === rules.audience : Array.isArray(aud) && aud.includes(rules.audience))) return false;
  if (!isNumericDate(iat) || !isNumericDate(exp) || (nbf !== undefined && !isNumericDate(nbf))) return false;
  const now = rules.nowSeconds;
  const tolerance = rules.toleranceSeconds;
  if (nbf !== undefined && nbf > now + tolerance) return false;
  if (exp <= now - tolerance) return false;
  const age = now - iat;
  return age - tolerance <= rules.maxAgeSeconds && age >= -tolerance;
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

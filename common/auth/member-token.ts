import { SignJWT } from 'jose';
import { ALLIANCE_AUDIENCE } from './gateway-token';
import type { SigningKey } from './key-store';

/**
 * The token a member hospital's own process signs when it calls the alliance itself (the
 * identity feed: `linkPatientRecord` for a chart it opened). Signed with the member's own
 * key, published at `.well-known/jwks.json` next to its registered subgraph URL; the
 * alliance trusts it for that one hospital because the admin registered that URL
 * (docs/SECURITY.md, "Member → alliance").
 */
export const MEMBER_ISSUER = 'medalliance-member';
export const MEMBER_TOKEN_TTL_SECONDS = 60;

/** Name of the member's key under `<dataDir>/keys`. */
export function memberKeyName(hospitalId: string): string {
  return `member-${hospitalId}`;
}

export function memberSubject(hospitalId: string): string {
  return `member:${hospitalId}`;
}

/** Where a member publishes its public keys: beside its GraphQL endpoint (a path prefix is kept). */
export function memberJwksUrl(subgraphUrl: string): URL {
  return new URL('.well-known/jwks.json', subgraphUrl);
}

export async function signMemberToken(key: SigningKey, hospitalId: string): Promise<string> {
  return new SignJWT({ hospitalId })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setSubject(memberSubject(hospitalId))
    .setIssuer(MEMBER_ISSUER)
    .setAudience(ALLIANCE_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${MEMBER_TOKEN_TTL_SECONDS}s`)
    .sign(key.privateKey);
}

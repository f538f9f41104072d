/**
 * Who is asking, as the gateway vouches for it (DESIGN 5). Subgraphs never see the
 * caller's own token: the gateway verifies it and forwards these claims in a short-lived
 * token it signs for that subgraph (`verify-gateway-token.ts`).
 */
/**
 * `member` is a member hospital's own process, vouched for by its own key (the identity
 * feed, `subgraphs/alliance/auth/`); it is not in `CALLER_ROLES`, so neither a caller's
 * token nor a gateway token can claim it.
 */
export type CallerRole = 'clinician' | 'analyst' | 'dashboard' | 'admin' | 'service' | 'member';
export type PurposeOfUse = 'TREATMENT' | 'EMERGENCY' | 'REFERRAL';

export const CALLER_ROLES: readonly CallerRole[] = ['clinician', 'analyst', 'dashboard', 'admin', 'service'];
export const PURPOSES_OF_USE: readonly PurposeOfUse[] = ['TREATMENT', 'EMERGENCY', 'REFERRAL'];

/**
 * The registry status of the caller's hospital as the gateway saw it (DESIGN 5: a
 * suspended, departed or unknown hospital reads and writes nothing). Only the gateway
 * states it, in the token it signs; a caller's own token cannot.
 */
export type MemberStatus = 'ACTIVE' | 'SUSPENDED' | 'LEFT' | 'UNKNOWN';
export const MEMBER_STATUSES: readonly MemberStatus[] = ['ACTIVE', 'SUSPENDED', 'LEFT', 'UNKNOWN'];

export interface Caller {
  /** `sub` of the caller's token. */
  subject: string;
  role: CallerRole;
  /** The hospital the caller acts for. */
  hospitalId?: string;
  staffId?: string;
  purpose?: PurposeOfUse;
  /** Set by the gateway for a caller with a `hospitalId` (claim `memberStatus`); never taken from the caller's own token. */
  memberStatus?: MemberStatus;
}

/** Display form for audit rows and `decidedBy`-style fields: never PHI. */
export function callerLabel(caller: Caller): string {
  return `${caller.role}:${caller.subject}${caller.hospitalId ? `@${caller.hospitalId}` : ''}`;
}

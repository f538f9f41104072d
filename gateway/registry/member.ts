/**
 * A member hospital as the fan-out sees it. Only ACTIVE members of the alliance are in
 * the directory; `state` says whether requests may go to it:
 * - `ready`: its subgraph passed the contract check;
 * - `pending`: not checked yet (unreachable so far) — its part is MEMBER_UNAVAILABLE;
 * - `refused`: its SDL is incompatible with the contract — never called.
 */
export type MemberState = 'ready' | 'pending' | 'refused';

export interface Member {
  hospitalId: string;
  name: string;
  url: string;
  state: MemberState;
  /** Why it is pending or refused, in words; only in the gateway's log (it may quote what the member sent). */
  reason?: string;
  /** The contract version it serves once ready (DESIGN 4); older than the contract's = it lacks later fields. */
  contractVersion?: string;
  /** `Type.field` of later contract versions it lacks: never asked of it (MEMBER_OUTDATED). */
  lacks?: ReadonlySet<string>;
  /** Why it is pending or refused, as a code: what /readyz shows (never text a member sent). */
  reasonCode?: MemberReasonCode;
}

export type MemberReasonCode = 'NOT_CHECKED' | 'UNREACHABLE' | 'INCOMPATIBLE';

export interface MemberDirectory {
  /** An ACTIVE member, whatever its state; undefined = unknown, suspended or left. */
  find(hospitalId: string): Member | undefined;
  /** Every ACTIVE member, ordered by hospitalId. */
  list(): readonly Member[];
}

/** A fixed directory, for the pure fan-out functions and their tests. */
export function staticDirectory(members: Member[]): MemberDirectory {
  const sorted = [...members].sort((a, b) => compareStrings(a.hospitalId, b.hospitalId));
  const byId = new Map(sorted.map((m) => [m.hospitalId, m]));
  return { find: (id) => byId.get(id), list: () => sorted };
}

/** Code-point order: the same on every machine, whatever the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

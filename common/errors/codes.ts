/**
 * The error codes of DESIGN section 5. Every GraphQL error the system returns carries
 * exactly one of these in `extensions.code`; `format-error.ts` is the one place that
 * writes it.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: 'No valid credentials were presented.',
  FORBIDDEN: 'The caller may not read or change this.',
  BAD_USER_INPUT: 'An argument or variable is missing, malformed or out of range.',
  NOT_FOUND: 'The object named does not exist.',
  CONFLICT: 'The request collides with existing state (a booked slot, a reused idempotency key).',
  INVALID_TRANSITION: 'The object is not in a state that allows this change.',
  MEMBER_UNAVAILABLE:
    'A member hospital (or its database) failed, timed out, is down or circuit-broken; its part of the answer is missing. For a change whose answer was lost, `outcome: "UNKNOWN"`: retry with the same idempotencyKey.',
  MEMBER_UNKNOWN: 'The hospital named is not an active member of the alliance.',
  MEMBER_OUTDATED: 'A member hospital serves an older contract version that lacks the field asked for; its part of that field is null.',
  ALLIANCE_UNAVAILABLE: 'The alliance subgraph (registry, referrals, statistics) did not answer; its fields are missing.',
  QUERY_TOO_COMPLEX: 'The query exceeds a depth, alias, token or cost limit.',
  RATE_LIMITED: 'Too many requests for this token; retry later.',
  INTERNAL_SERVER_ERROR: 'An unexpected failure; the request id identifies it in the logs.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

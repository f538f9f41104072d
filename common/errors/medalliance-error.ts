import type { ErrorCode } from './codes';

/**
 * Base of every error we throw on purpose. The message is shown to the caller, so it
 * never holds PHI, URLs, hosts or stacks; `details` are safe extra extensions
 * (field names, hospital ids), never patient values.
 */
export class MedAllianceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends MedAllianceError {
  constructor(message = 'Authentication required: present a valid bearer token.') {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends MedAllianceError {
  constructor(message = 'Not allowed for this caller.', details: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, details);
  }
}

export class BadUserInputError extends MedAllianceError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, details);
  }
}

export class NotFoundError extends MedAllianceError {
  constructor(what: string, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', `${what} not found.`, details);
  }
}

export class ConflictError extends MedAllianceError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

export class InvalidTransitionError extends MedAllianceError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_TRANSITION', message, details);
  }
}

export class MemberUnavailableError extends MedAllianceError {
  /**
   * `sent`: the request went out before it failed (a timeout or a broken connection), so
   * a change it carried may or may not have been applied.
   */
  constructor(
    readonly hospitalId: string,
    reason = 'did not answer',
    readonly sent = false,
  ) {
    super('MEMBER_UNAVAILABLE', `Member hospital ${hospitalId} ${reason}; its part of the answer is missing.`, { hospitalId });
  }
}

/** A change sent to a member whose answer never came: applied or not, nobody knows yet. */
export class OutcomeUnknownError extends MedAllianceError {
  constructor(readonly hospitalId: string) {
    super(
      'MEMBER_UNAVAILABLE',
      `Member hospital ${hospitalId} did not confirm this change; whether it was applied is unknown. Retry with the same idempotencyKey: it is applied at most once.`,
      { hospitalId, outcome: 'UNKNOWN' },
    );
  }
}

/** A broadcast while the registry lists no member (e.g. none known yet and the alliance unreachable). */
export class NoMemberToAskError extends MedAllianceError {
  constructor() {
    super('MEMBER_UNAVAILABLE', 'No member hospital could be asked: the gateway knows of none right now; the answer is incomplete, not empty.');
  }
}

export class AllianceUnavailableError extends MedAllianceError {
  constructor(reason = 'did not answer') {
    super('ALLIANCE_UNAVAILABLE', `The alliance service ${reason}; its part of the answer is missing.`);
  }
}

/** How many unknown hospital ids one MEMBER_UNKNOWN error lists; the rest are counted. */
export const MAX_LISTED_HOSPITALS = 10;

/**
 * One hospital, or several at once: a request naming many unknown hospitals gets one
 * error listing the first few (`hospitalIds`) and counting the rest (`moreHospitals`).
 */
export class MemberUnknownError extends MedAllianceError {
  readonly hospitalId: string;
  /** `details` may name the argument that held the id (e.g. `{ argument: 'atHospitalId' }`). */
  constructor(hospitalIds: string | readonly string[], details: Record<string, unknown> = {}) {
    // the ids are the caller's own input: shortened, so a huge argument is not echoed back
    const ids = (typeof hospitalIds === 'string' ? [hospitalIds] : [...hospitalIds]).map((id) => id.slice(0, 64));
    const listed = ids.slice(0, MAX_LISTED_HOSPITALS);
    const more = ids.length - listed.length;
    super(
      'MEMBER_UNKNOWN',
      ids.length === 1
        ? `Hospital ${ids[0]} is not an active member of the alliance.`
        : `Hospitals ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''} are not active members of the alliance.`,
      { ...(ids.length === 1 ? { hospitalId: ids[0] } : { hospitalIds: listed, ...(more > 0 ? { moreHospitals: more } : {}) }), ...details },
    );
    this.hospitalId = ids[0] ?? '';
  }
}

export class MemberOutdatedError extends MedAllianceError {
  constructor(
    readonly hospitalId: string,
    readonly field: string,
    version: string,
  ) {
    super('MEMBER_OUTDATED', `Member hospital ${hospitalId} serves contract ${version}, which lacks ${field}; its part of that field is null.`, { hospitalId, field });
  }
}

export class QueryTooComplexError extends MedAllianceError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('QUERY_TOO_COMPLEX', message, details);
  }
}

export class RateLimitedError extends MedAllianceError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many requests; retry after ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

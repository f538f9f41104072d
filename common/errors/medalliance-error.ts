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
  constructor(readonly hospitalId: string, reason = 'did not answer') {
    super('MEMBER_UNAVAILABLE', `Member hospital ${hospitalId} ${reason}; its part of the answer is missing.`, { hospitalId });
  }
}

export class MemberUnknownError extends MedAllianceError {
  /** `details` may name the argument that held the id (e.g. `{ argument: 'atHospitalId' }`). */
  constructor(readonly hospitalId: string, details: Record<string, unknown> = {}) {
    // the id is the caller's own input: shortened, so a huge argument is not echoed back
    super('MEMBER_UNKNOWN', `Hospital ${hospitalId.slice(0, 64)} is not an active member of the alliance.`, { hospitalId: hospitalId.slice(0, 64), ...details });
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

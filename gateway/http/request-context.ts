import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Logger } from '../../common/log';
import { ForbiddenError, MedAllianceError, RateLimitedError } from '../../common/errors';
import type { Caller, MemberStatus } from '../../common/auth/caller';
import type { VerifyCaller } from '../auth/verify-caller';
import type { GatewayContext } from '../gateway-context';
import { REQUEST_ID_HEADER, type ResponseWithLocals } from '../plugins/request-id';
import type { ConcurrencyLimiter } from './concurrency-limiter';
import type { RateLimiter } from './rate-limiter';

/** Incoming headers passed on to subgraphs unchanged; authorization is re-signed per subgraph instead. */
const FORWARDED_HEADERS = ['x-purpose-of-use'];

/** Builds a GraphQL request's context, or throws a GraphQLError with its HTTP status (401, 400, 429). */
export type ContextOf = (req: IncomingMessage, res: ResponseWithLocals) => Promise<GatewayContext>;

/** Apollo reads `http` (status, a header Map) off an error; typed loosely, as other packages re-declare it. */
function httpExtensions(code: string, status: number, headers: HeaderMap): Record<string, unknown> {
  return { code, http: { status, headers } };
}

/**
 * A missing or bad token, or a bad purpose, ends the request before any planning, with
 * its code and a 401 or 400 status (GraphiQL's page itself is served without one).
 */
async function callerOf(headers: IncomingHttpHeaders, verify: VerifyCaller): Promise<Caller> {
  try {
    return await verify(headers);
  } catch (error) {
    if (!(error instanceof MedAllianceError)) throw error;
    const status = error.code === 'UNAUTHENTICATED' ? 401 : 400;
    const headers = status === 401 ? new HeaderMap([['www-authenticate', 'Bearer']]) : new HeaderMap();
    throw new GraphQLError(error.message, { originalError: error, extensions: httpExtensions(error.code, status, headers) });
  }
}

/** DESIGN 5: rate limit per token, keyed by the verified subject. */
function checkRate(caller: Caller, limiter: RateLimiter | undefined): void {
  if (!limiter) return;
  const decision = limiter.take(caller.subject);
  if (decision.allowed) return;
  const error = new RateLimitedError(decision.retryAfterSeconds);
  throw new GraphQLError(error.message, {
    originalError: error,
    extensions: httpExtensions(error.code, 429, new HeaderMap([['retry-after', String(decision.retryAfterSeconds)]])),
  });
}

/**
 * DESIGN 5: access is bound to membership. The caller's hospital gets its status from the
 * registry (within one poll), carried to subgraphs as the `memberStatus` claim; a
 * clinician whose hospital is not ACTIVE reads and writes nothing (403 FORBIDDEN).
 */
function withMembership(caller: Caller, statusOf: ((hospitalId: string) => MemberStatus) | undefined, logger: Logger): Caller {
  if (!statusOf || !caller.hospitalId) return caller;
  const memberStatus = statusOf(caller.hospitalId);
  if (caller.role === 'clinician' && memberStatus !== 'ACTIVE') {
    logger.warn({ code: 'MEMBER_NOT_ACTIVE', hospitalId: caller.hospitalId, memberStatus, subject: caller.subject }, 'refused a clinician whose hospital is not an active member');
    const error = new ForbiddenError(`Clinicians of hospital ${caller.hospitalId} have no access: it is not an active member of the alliance.`, { hospitalId: caller.hospitalId });
    throw new GraphQLError(error.message, { originalError: error, extensions: httpExtensions(error.code, 403, new HeaderMap()) });
  }
  return { ...caller, memberStatus };
}

export interface ContextOptions {
  logger: Logger;
  verifyCaller: VerifyCaller;
  rateLimiter?: RateLimiter;
  /** The registry's status of a hospital (ACTIVE, SUSPENDED, LEFT, UNKNOWN). */
  memberStatus?: (hospitalId: string) => MemberStatus;
  /** Requests of one caller in flight at once. */
  concurrency?: ConcurrencyLimiter;
}

/**
 * Holds one of the caller's concurrent slots until the response closes, and aborts the
 * request's signal when it closes unanswered (the client went away): its member calls stop.
 */
function holdSlot(caller: Caller, res: ResponseWithLocals, limiter: ConcurrencyLimiter | undefined): AbortSignal {
  const release = limiter ? limiter.tryAcquire(caller.subject) : () => undefined;
  if (!release) {
    const error = new RateLimitedError(1);
    throw new GraphQLError(`Too many requests of this caller at once; retry after ${1} s.`, {
      originalError: error,
      extensions: httpExtensions(error.code, 429, new HeaderMap([['retry-after', '1']])),
    });
  }
  const controller = new AbortController();
  const closed = () => {
    release();
    if (!res.writableFinished) controller.abort();
  };
  if (res.destroyed) closed();
  else res.once('close', closed);
  return controller.signal;
}

/** The one place a GraphQL request's context is made: Apollo's context function (the fast path is a later step of the same pipeline). */
export function createContextOf(options: ContextOptions): ContextOf {
  return async (req, res) => {
    const requestId = String(res.locals.requestId);
    const forwardHeaders: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
    for (const name of FORWARDED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') forwardHeaders[name] = value;
    }
    const callerRequestId = typeof res.locals.callerRequestId === 'string' ? res.locals.callerRequestId : undefined;
    const logger = options.logger.child({ requestId, ...(callerRequestId ? { callerRequestId } : {}) });
    const caller = withMembership(await callerOf(req.headers, options.verifyCaller), options.memberStatus, logger);
    checkRate(caller, options.rateLimiter);
    const signal = holdSlot(caller, res, options.concurrency);
    return { requestId, logger, caller, forwardHeaders, signal };
  };
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

import { REQUEST_ID_HEADER, requestIdOf, safeRequestId } from '../../common/http/request-id';

export { REQUEST_ID_HEADER, requestIdOf };

const current = new AsyncLocalStorage<{ requestId: string }>();

/** The request id of the request being served, for places without a context (formatError). */
export function currentRequestId(): string | undefined {
  return current.getStore()?.requestId;
}

/**
 * The gateway names every request itself (a new UUID), sends it on the response and to
 * every subgraph call (it is what members' audit rows store), and puts it in the log.
 * A caller's own `x-request-id` is never taken for it: audit must not store what a
 * caller chose. When short and safe, the caller's id is kept apart
 * (`res.locals.callerRequestId`) and only logged next to ours, for correlation.
 */
export function requestIdMiddleware() {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = randomUUID();
    res.locals.requestId = requestId;
    const callerRequestId = safeRequestId(req.headers[REQUEST_ID_HEADER]);
    if (callerRequestId) res.locals.callerRequestId = callerRequestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    current.run({ requestId }, () => next());
  };
}

/**
 * Re-enters the request's id after middleware that resumes from stream events (the body
 * parser), where the async context of `requestIdMiddleware` is lost.
 */
export function requestIdContext() {
  return (_req: Request, res: Response, next: NextFunction) => {
    current.run({ requestId: String(res.locals.requestId) }, () => next());
  };
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

import { REQUEST_ID_HEADER, requestIdOf } from '../../common/http/request-id';

export { REQUEST_ID_HEADER, requestIdOf };

const current = new AsyncLocalStorage<{ requestId: string }>();

/** The request id of the request being served, for places without a context (formatError). */
export function currentRequestId(): string | undefined {
  return current.getStore()?.requestId;
}

/**
 * Reads or generates `x-request-id`, echoes it on the response and makes it available
 * for the rest of the request; the context puts it in a child logger and forwards it to
 * every subgraph call.
 */
export function requestIdMiddleware() {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
    res.locals.requestId = requestId;
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

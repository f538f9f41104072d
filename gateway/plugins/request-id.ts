import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

import { REQUEST_ID_HEADER, requestIdOf, safeRequestId } from '../../common/http/request-id';

export { REQUEST_ID_HEADER, requestIdOf };

/** A response with express's per-request `locals` (express's own, or set by the router-less path). */
export type ResponseWithLocals = ServerResponse & { locals: Record<string, unknown> };

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
export function nameRequest(req: IncomingMessage, res: ResponseWithLocals): string {
  const requestId = randomUUID();
  res.locals.requestId = requestId;
  const callerRequestId = safeRequestId(req.headers[REQUEST_ID_HEADER]);
  if (callerRequestId) res.locals.callerRequestId = callerRequestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  return requestId;
}

/** Runs `work` as part of the request `requestId` names (`currentRequestId`). */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return current.run({ requestId }, work);
}

/** `nameRequest` as middleware: the rest of the request runs with its id. */
export function requestIdMiddleware() {
  return (req: Request, res: Response, next: NextFunction) => {
    withRequestId(nameRequest(req, res), () => next());
  };
}

/**
 * Re-enters the request's id after middleware that resumes from stream events (the body
 * parser), where the async context of `requestIdMiddleware` is lost.
 */
export function requestIdContext() {
  return (_req: Request, res: Response, next: NextFunction) => {
    withRequestId(String(res.locals.requestId), () => next());
  };
}

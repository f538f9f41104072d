import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';

import { withRequestId } from '../../common/errors';
import { REQUEST_ID_HEADER, requestIdOf, safeRequestId } from '../../common/http/request-id';
import type { GatewayContext } from '../gateway-context';

export { REQUEST_ID_HEADER, requestIdOf };

/** A response with express's per-request `locals` (express's own, or set by the router-less path). */
export type ResponseWithLocals = ServerResponse & { locals: Record<string, unknown> };

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

/** `nameRequest` as middleware. */
export function requestIdMiddleware() {
  return (req: Request, res: Response, next: NextFunction) => {
    nameRequest(req, res);
    next();
  };
}

/**
 * Apollo Server formats errors (`formatError`) without the request; an internal error
 * gets the request's id here, from the context, before anything reads the answer. (An
 * async-local store would have it at hand, at the price of Node's async hooks on every
 * promise of the process.) List it before the plugins that read the errors.
 */
export function requestIdInErrorsPlugin(options: { maskInternal: boolean }): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length) result.errors = result.errors.map((error) => withRequestId(error, contextValue.requestId, options));
        },
      };
    },
  };
}

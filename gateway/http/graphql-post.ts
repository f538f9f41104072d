import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { ErrorRequestHandler, Express, NextFunction, Request, Response } from 'express';
import { apolloHandler, type ParsedRequest } from '../../common/http/apollo-handler';
import type { Drain } from '../../common/http/drain';
import { plainGraphQLPostLength, readJsonBody } from '../../common/http/json-body';
import type { GatewayContext } from '../gateway-context';
import { nameRequest, type ResponseWithLocals } from '../plugins/request-id';
import { bodyErrors, postedQuery, sendGraphQLError, tokenRefusal } from './graphql-gate';
import type { ContextOf } from './request-context';

/** Answers, on express, a request the router-less path began: express has decorated its request and response by then. */
type Finish = (req: Request, res: Response, next: NextFunction) => void;

export interface GatewayListenerOptions {
  /** The server's one express app: every request the router-less path does not take, and every one it hands back. */
  app: Express;
  drain: Drain;
  /** The app's last error handler (`last-handlers.ts`): a fault after the body was read is answered there, as it was from the router. */
  lastError: ErrorRequestHandler;
}

export interface GraphQLPostOptions {
  server: ApolloServer<GatewayContext>;
  contextOf: ContextOf;
  maxTokens: number;
  maxDirectives?: number;
  bodyLimitBytes: number;
}

/**
 * The gateway's listener. Nearly every request is a POST of plain JSON to /graphql: it
 * takes the router's steps for /graphql in the router's order — drain, request id, body
 * (`json-body.ts`), token gate, Apollo with the request's context —
 * without express's router and its request and response decoration (a visible share of
 * the gateway's CPU per request). Anything else (another route, method, path below or
 * spelling of /graphql, another body encoding, charset or size) goes to the app, which
 * answers it as before; so does every failure of the path (a body that is not JSON, a
 * refusal of the token gate, a fault), through the same handlers as from the router.
 *
 * Call it before anything else is mounted on the app (its first middleware finishes the
 * requests handed back); `serve` is set once Apollo has started, before the server listens.
 */
export function gatewayListener(options: GatewayListenerOptions): { listener: RequestListener; serve(post: GraphQLPostOptions): void } {
  const { app, drain } = options;
  const handedBack = new WeakMap<IncomingMessage, Finish>();
  // first: counts requests in flight and refuses new ones once the process is stopping
  app.use((req, res, next) => {
    const finish = handedBack.get(req);
    if (finish) finish(req, res, next);
    else drain.track(req, res, next);
  });
  const toExpress = (req: IncomingMessage, res: ServerResponse, finish: Finish) => {
    handedBack.set(req, finish);
    app(req, res);
  };

  let post: ((req: IncomingMessage, res: ServerResponse, length: number) => void) | undefined;
  let limitBytes = 0;
  return {
    listener: (req, res) => {
      const length = post ? plainGraphQLPostLength(req, limitBytes) : 0;
      if (length === 0) app(req, res);
      else post!(req, res, length);
    },
    serve(settings) {
      limitBytes = settings.bodyLimitBytes;
      const handle = apolloHandler(settings.server, settings.contextOf);
      const badBody = bodyErrors(settings.bodyLimitBytes);
      post = (req, res, length) => {
        drain.track(req, res, () => {
          (res as ResponseWithLocals).locals = Object.create(null) as Record<string, unknown>;
          nameRequest(req, res as ResponseWithLocals);
          readJsonBody(req, length, (error, body) => {
            // the router's body errors (400 BAD_USER_INPUT, 413 QUERY_TOO_COMPLEX); what they pass on, its last handler
            // (an error does not enter a mounted router: the handlers are called as the router called them)
            if (error)
              return toExpress(req, res, (expressReq, expressRes, next) =>
                badBody(error, expressReq, expressRes, (fault: unknown) => options.lastError(fault, expressReq, expressRes, next)),
              );
            (req as ParsedRequest).body = body;
            const refusal = tokenRefusal(postedQuery(body), settings.maxTokens, settings.maxDirectives);
            if (refusal) return toExpress(req, res, (expressReq, expressRes) => sendGraphQLError(expressReq, expressRes, 400, refusal));
            handle(req, res as ResponseWithLocals).catch((fault: unknown) => toExpress(req, res, (...args) => options.lastError(fault, ...args)));
          });
        });
      };
    },
  };
}

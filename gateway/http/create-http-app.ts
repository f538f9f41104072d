import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { Logger } from '../../common/log';
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { MedAllianceError } from '../../common/errors';
import type { Caller } from '../../subgraphs/runtime/auth/caller';
import type { VerifyCaller } from '../auth/verify-caller';
import type { GatewayContext } from '../gateway-context';
import type { GatewayMetrics } from '../plugins/metrics';
import { REQUEST_ID_HEADER, requestIdMiddleware } from '../plugins/request-id';
import { graphiqlAssets, graphiqlPage, wantsGraphiQL } from './graphiql';

/** Incoming headers passed on to subgraphs unchanged; authorization is re-signed per subgraph instead. */
const FORWARDED_HEADERS = ['x-purpose-of-use'];

export interface Readiness {
  ready: boolean;
  body: Record<string, unknown>;
}

export interface HttpAppOptions {
  server: ApolloServer<GatewayContext>;
  logger: Logger;
  metrics: GatewayMetrics;
  readiness(): Readiness;
  /** Verifies the caller's bearer token; a request without one runs with no caller. */
  verifyCaller?: VerifyCaller;
  /** Public keys of the gateway's subgraph tokens (for subgraphs that fetch a JWKS). */
  jwks?: () => unknown;
  /** Largest accepted request body. */
  bodyLimit?: string;
}

/**
 * A bad token or purpose ends the request before any planning, with its code and a 401
 * or 400 status; no token at all leaves the caller empty.
 */
async function callerOf(headers: IncomingHttpHeaders, verify: VerifyCaller | undefined): Promise<Caller | null> {
  if (!verify || !headers.authorization) return null;
  try {
    return await verify(headers);
  } catch (error) {
    if (!(error instanceof MedAllianceError)) throw error;
    const status = error.code === 'UNAUTHENTICATED' ? 401 : 400;
    throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status } } });
  }
}

/** /graphql (GraphQL over HTTP, GraphiQL for browsers), /healthz, /readyz, /metrics. */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestIdMiddleware());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/readyz', (_req, res) => {
    const { ready, body } = options.readiness();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', ...body });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  app.get('/.well-known/jwks.json', (_req, res) => {
    if (!options.jwks) {
      res.status(404).end();
      return;
    }
    res.json(options.jwks());
  });
  app.use(graphiqlAssets());
  app.get('/graphql', (req, res, next) => {
    if (!wantsGraphiQL(req)) return next();
    res.type('html').send(graphiqlPage());
  });
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimit ?? '1mb' }),
    expressMiddleware(options.server, {
      context: async ({ req, res }): Promise<GatewayContext> => {
        const requestId = String(res.locals.requestId);
        const forwardHeaders: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
        for (const name of FORWARDED_HEADERS) {
          const value = req.headers[name];
          if (typeof value === 'string') forwardHeaders[name] = value;
        }
        const caller = await callerOf(req.headers, options.verifyCaller);
        return { requestId, logger: options.logger.child({ requestId }), caller, forwardHeaders };
      },
    }),
  );
  return app;
}

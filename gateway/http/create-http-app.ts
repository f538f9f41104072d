import { HeaderMap, type ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { Logger } from '../../common/log';
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { MedAllianceError, RateLimitedError } from '../../common/errors';
import type { Caller } from '../../subgraphs/runtime/auth/caller';
import type { VerifyCaller } from '../auth/verify-caller';
import type { GatewayContext } from '../gateway-context';
import type { GatewayMetrics } from '../plugins/metrics';
import { REQUEST_ID_HEADER, requestIdContext, requestIdMiddleware } from '../plugins/request-id';
import { graphiqlAssets, graphiqlPage, wantsGraphiQL } from './graphiql';
import { dashboardRouter } from '../dashboard/dashboard-router';
import { FHIR_BASE_PATH, fhirRouter } from '../fhir/fhir-router';
import { bodyErrors, tokenGate } from './graphql-gate';
import type { RateLimiter } from './rate-limiter';

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
  /** Verifies the caller's bearer token; a request without a valid one is 401 (DESIGN 5). */
  verifyCaller: VerifyCaller;
  /** Per-caller token buckets; a caller over the rate gets 429 RATE_LIMITED. */
  rateLimiter?: RateLimiter;
  /** Documents with more lexical tokens are refused before parsing. */
  maxTokens?: number;
  /** Public keys of the gateway's subgraph tokens (for subgraphs that fetch a JWKS). */
  jwks?: () => unknown;
  /** Largest accepted request body, in bytes; larger is 413. */
  bodyLimitBytes?: number;
}

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
  app.use(dashboardRouter());
  app.use(FHIR_BASE_PATH, fhirRouter(options.logger));
  app.get('/graphql', (req, res, next) => {
    if (!wantsGraphiQL(req)) return next();
    res.type('html').send(graphiqlPage());
  });
  app.use(
    '/graphql',
    express.json({ limit: options.bodyLimitBytes ?? 102_400 }),
    bodyErrors(options.bodyLimitBytes ?? 102_400),
    requestIdContext(),
    tokenGate(options.maxTokens ?? 2000),
    expressMiddleware(options.server, {
      context: async ({ req, res }): Promise<GatewayContext> => {
        const requestId = String(res.locals.requestId);
        const forwardHeaders: Record<string, string> = { [REQUEST_ID_HEADER]: requestId };
        for (const name of FORWARDED_HEADERS) {
          const value = req.headers[name];
          if (typeof value === 'string') forwardHeaders[name] = value;
        }
        const caller = await callerOf(req.headers, options.verifyCaller);
        checkRate(caller, options.rateLimiter);
        return { requestId, logger: options.logger.child({ requestId }), caller, forwardHeaders };
      },
    }),
  );
  return app;
}

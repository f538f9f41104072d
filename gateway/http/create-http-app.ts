import type { ApolloServer } from '@apollo/server';
import { Router } from 'express';
import type { Logger } from '../../common/log';
import type { GatewayContext } from '../gateway-context';
import type { GatewayMetrics } from '../plugins/metrics';
import { requestIdMiddleware } from '../plugins/request-id';
import type { ContextOf } from './request-context';
import { graphiqlAssets, graphiqlPage, wantsGraphiQL } from './graphiql';
import { dashboardRouter } from '../dashboard/dashboard-router';
import { FHIR_BASE_PATH, fhirRouter } from '../fhir/fhir-router';
import { apolloHandler } from '../../common/http/apollo-handler';
import { bodyErrors, tokenGate } from './graphql-gate';
import { jsonBody } from '../../common/http/json-body';

export interface Readiness {
  ready: boolean;
  body: Record<string, unknown>;
}

export interface HttpAppOptions {
  server: ApolloServer<GatewayContext>;
  logger: Logger;
  metrics: GatewayMetrics;
  readiness(): Readiness;
  /** The request's context: verified caller (401 without), rate limit (429), forwarded headers. */
  contextOf: ContextOf;
  /** Documents with more lexical tokens are refused before parsing. */
  maxTokens?: number;
  /** Documents with more directive uses are refused before parsing. */
  maxDirectives?: number;
  /** Public keys of the gateway's subgraph tokens (for subgraphs that fetch a JWKS). */
  jwks?: () => unknown;
  /** Largest accepted request body, in bytes; larger is 413. */
  bodyLimitBytes?: number;
  /** GraphiQL page and bundles; off with introspection (production): the page is useless without it. */
  graphiql?: boolean;
  /** The gateway's public base URL (links in FHIR answers); default: this request's local address. */
  fhirBaseUrl?: () => string;
}

/**
 * /graphql (GraphQL over HTTP, GraphiQL for browsers), /healthz, /readyz, /metrics: a
 * router for the server's one express app (which disables `x-powered-by` and ETags and
 * ends with the last handlers).
 * /graphql comes first: nearly every request is one, and each route before it is a match
 * tried on every request.
 */
export function createHttpApp(options: HttpAppOptions): Router {
  const app = Router();
  app.use(requestIdMiddleware());

  const graphiql = options.graphiql ?? true;
  app.get('/graphql', (req, res, next) => {
    if (!graphiql || !wantsGraphiQL(req)) return next();
    res.type('html').send(graphiqlPage());
  });
  app.use(
    '/graphql',
    jsonBody(options.bodyLimitBytes ?? 102_400),
    bodyErrors(options.bodyLimitBytes ?? 102_400),
    tokenGate(options.maxTokens ?? 2000, options.maxDirectives),
    apolloHandler(options.server, options.contextOf),
  );
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
  if (graphiql) app.use(graphiqlAssets());
  app.use(dashboardRouter());
  app.use(FHIR_BASE_PATH, fhirRouter(options.logger, options.fhirBaseUrl ?? (() => 'http://localhost')));
  // what no route answers, and every error, goes on to the server's last handlers (`last-handlers.ts`)
  return app;
}

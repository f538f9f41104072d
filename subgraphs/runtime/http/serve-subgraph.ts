import { REQUEST_ID_HEADER, requestIdOf } from '../../../common/http/request-id';
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import querystring from 'node:querystring';
import type { ServerTls } from '../../../common/config/tls-settings';
import { createServer, schemeOf } from '../../../common/http/create-server';
import { apolloHandler, type ParsedRequest } from '../../../common/http/apollo-handler';
import { jsonBody, plainGraphQLPostLength, readJsonBody } from '../../../common/http/json-body';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { formatError } from '../../../common/errors';
import type { Logger } from '../../../common/log';
import type { Caller } from '../../../common/auth/caller';
import type { Authenticate } from '../auth/verify-gateway-token';
import { MedAllianceError } from '../../../common/errors';
import type { DatabaseHealth } from '../db/database-health';
import { databaseOutage, type UnavailableCode } from '../db/database-outage';
import { countStatements } from '../db/statement-counter';
import { createDrain, DRAIN_CUTOFF_MS } from '../../../common/http/drain';
import { STATEMENT_COUNT_HEADER, statementCountPlugin } from './statement-count-plugin';
import { noStorePlugin } from './no-store-plugin';

export { REQUEST_ID_HEADER };

export interface SubgraphRequestBase extends BaseContext {
  requestId: string;
  logger: Logger;
  headers: http.IncomingHttpHeaders;
  /** The caller the gateway vouches for; null only where authentication is not required. */
  caller: Caller | null;
}

export interface ServeSubgraphOptions<C extends SubgraphRequestBase> {
  name: string;
  schema: GraphQLSchema;
  port: number;
  host?: string;
  logger: Logger;
  /** Builds the per-request context (loaders, caller) from the base. */
  createContext(base: SubgraphRequestBase): Promise<C> | C;
  plugins?: ApolloServerPlugin<C>[];
  maskInternalErrors?: boolean;
  /** Verifies the gateway's token; a failure answers 401 before any GraphQL work. */
  authenticate?: Authenticate;
  /** Extra readiness check. */
  isReady?: () => Promise<boolean> | boolean;
  /**
   * The subgraph's database (`watchDatabase`): pinged by /readyz, closed after the HTTP
   * drain. When the server is unreachable at start the subgraph listens anyway, not
   * ready, and answers /graphql with 503 until the first connect succeeds.
   */
  database?: DatabaseHealth;
  /** The code of "this service cannot answer" (its database is unreachable): the gateway maps it. Default MEMBER_UNAVAILABLE. */
  unavailableCode?: UnavailableCode;
  /** Serve HTTPS with this certificate (and require client certificates when it says so); absent = HTTP. */
  tls?: ServerTls;
  /**
   * A public schema, served without a token at `GET /contract` (text): the hospital
   * contract is public, so a partner can check its member before it has a gateway token.
   * Only this text; `/graphql` (`_service`, `_entities`, everything) still needs the token.
   */
  publicSdl?: string;
  /** Extra counts shown in /readyz (never PHI). */
  readyDetails?: () => Promise<Record<string, unknown>>;
  /** Routes beside /graphql (the audit witness's), mounted before it, without the gateway's token check; a POST of JSON to /graphql itself never reaches them. */
  routes?: (app: express.Express) => void;
  /** Runs after the last request finished and before the database closes (the final audit chain head). */
  afterDrain?: () => Promise<void>;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  /** Readiness goes false at once (still listening), in-flight requests finish, the listener stops, then the database closes. */
  close(): Promise<void>;
}

/**
 * Most requests log nothing, and a pino child per request (bindings serialised, redaction
 * set up) was a visible part of the CPU per request: the request's logger is made on
 * first use. A context that copies the base's properties makes it at once; the hospital
 * context reads it through (see its `logger`).
 */
export function requestBase(parent: Logger, requestId: string, headers: http.IncomingHttpHeaders, caller: Caller | null): SubgraphRequestBase {
  let logger: Logger | undefined;
  return {
    requestId,
    headers,
    caller,
    get logger() {
      return (logger ??= parent.child({ requestId }));
    },
  };
}

/** Largest request body, in bytes (express.json's `1mb`); larger is 413. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** The query string of a request target, without `?`, as express's `req.query` reads it. */
function searchOf(url: string | undefined): string {
  const start = url?.indexOf('?') ?? -1;
  return start < 0 ? '' : url!.slice(start + 1);
}

/** A JSON answer as express's `res.status().type('application/json').send()` wrote it. */
function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/** Apollo Server 5 for one subgraph: /graphql (its POSTs of plain JSON without a router), and on express /healthz, /readyz (and /contract when public). */
export async function serveSubgraph<C extends SubgraphRequestBase>(options: ServeSubgraphOptions<C>): Promise<RunningSubgraph> {
  const database = options.database;
  // A fault retrying cannot fix (bad credentials, a failing migration) fails the start.
  if (database) await database.firstAttempt;
  let databaseConnected = database?.state() === 'ready';
  void database?.connected.then(() => {
    databaseConnected = true;
  });
  const unavailableCode = options.unavailableCode ?? 'MEMBER_UNAVAILABLE';
  const drain = createDrain((res) => {
    const error = new MedAllianceError(unavailableCode, 'The subgraph is shutting down; send the request again.');
    res.statusCode = 503;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ errors: [formatError({ message: error.message }, error, { maskInternal: false })] }));
  });

  const app = express();
  // A failure of the router-less path below (a body that is not JSON, a fault) is
  // answered by express's final handler, as when every request went through express.
  const failures = new WeakMap<http.IncomingMessage, unknown>();
  // first: counts requests in flight and refuses new ones once the process is stopping
  app.use((req, res, next) => (failures.has(req) ? next(failures.get(req)) : drain.track(req, res, next)));
  // an ETag is a hash of every answer body, and the gateway never revalidates
  app.disable('etag');
  app.disable('x-powered-by');
  const fail = (req: http.IncomingMessage, res: http.ServerResponse, error: unknown) => {
    failures.set(req, error);
    app(req, res);
  };
  /**
   * Nearly every request is the gateway's POST of plain JSON to /graphql: it goes from
   * the drain straight to the body reader and Apollo, without express's router, request
   * and response decoration or body-parser (a visible share of a subgraph's CPU per
   * request). Anything else — another route, method or path below /graphql, another
   * body encoding, charset or size — goes to express, which answers it as before.
   */
  const listener: http.RequestListener = (req, res) => {
    const length = plainGraphQLPostLength(req, BODY_LIMIT_BYTES);
    if (length === 0) {
      app(req, res);
      return;
    }
    drain.track(req, res, () =>
      readJsonBody(req, length, (error, body) => {
        if (error) return fail(req, res, error);
        (req as ParsedRequest).body = body;
        answerGraphQL(req, res, querystring.parse(searchOf(req.url))).catch((fault: unknown) => fail(req, res, fault));
      }),
    );
  };
  const httpServer = createServer(listener, options.tls);
  const mask = options.maskInternalErrors ?? process.env.NODE_ENV === 'production';
  const server = new ApolloServer<C>({
    schema: options.schema,
    introspection: true,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // Inline traces (ftv1) go to Apollo's hosted reporting, which a hospital network does not use.
    // one owner of SIGINT/SIGTERM per process (cli/close-on-signal.ts): Apollo's own handler
    // would stop the server and re-raise the signal before the database is closed
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: DRAIN_CUTOFF_MS }),
      statementCountPlugin(),
      ...(options.plugins ?? []),
    ],
    formatError: (formatted, error) => formatError(formatted, databaseOutage(error, unavailableCode) ?? error, { maskInternal: mask }),
  });
  await server.start();

  const callers = new WeakMap<http.IncomingMessage, Caller | null>();
  const handle = apolloHandler<C>(
    server,
    async (req, res) => {
      const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]);
      res.setHeader(REQUEST_ID_HEADER, requestId);
      return options.createContext(requestBase(options.logger, requestId, req.headers, callers.get(req) ?? null));
    },
    { notModifiedOnAnyMatch: true },
  );
  /** A request whose body is read: 503 before the database is connected, 401 without a good token, else Apollo, its SQL statements counted when it asks. */
  async function answerGraphQL(req: ParsedRequest, res: http.ServerResponse, query: unknown): Promise<void> {
    if (!databaseConnected && database) {
      const unavailable = new MedAllianceError(unavailableCode, 'The subgraph is starting: its database is not connected yet.');
      sendJson(res, 503, { errors: [{ message: unavailable.message, extensions: { code: unavailable.code } }] });
      return;
    }
    try {
      callers.set(req, options.authenticate ? await options.authenticate({ headers: req.headers, method: req.method, body: req.body, query }) : null);
    } catch (error) {
      const code = error instanceof MedAllianceError ? error.code : 'UNAUTHENTICATED';
      const message = error instanceof MedAllianceError ? error.message : 'Authentication failed.';
      sendJson(res, 401, { errors: [{ message, extensions: { code } }] });
      return;
    }
    if (req.headers[STATEMENT_COUNT_HEADER] === undefined) await handle(req, res);
    else await countStatements(() => handle(req, res)).result;
  }

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  const publicSdl = options.publicSdl;
  if (publicSdl !== undefined) {
    app.get('/contract', (_req, res) => {
      res.type('text/plain; charset=utf-8').send(publicSdl);
    });
  }
  app.get('/readyz', async (_req, res) => {
    if (drain.draining) {
      res.status(503).json({ status: 'draining', service: options.name });
      return;
    }
    const databaseUp = database ? await database.check() : true;
    const ready = databaseUp && (options.isReady ? await options.isReady() : true);
    const details = options.readyDetails && databaseUp ? await options.readyDetails().catch(() => ({})) : {};
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', service: options.name, database: database ? (databaseUp ? 'up' : 'down') : undefined, ...details });
  });
  options.routes?.(app);
  // every other request to /graphql (and below it): GET, HEAD, other bodies
  app.use('/graphql', jsonBody(BODY_LIMIT_BYTES), (req, res) => answerGraphQL(req, res, req.query));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';
  const url = `${schemeOf(options.tls)}://${host}:${port}/graphql`;
  options.logger.info({ port, ...(options.tls ? { url } : {}) }, `${options.name} subgraph listening`);
  return {
    url,
    port,
    close: async () => {
      // readiness 503 while still listening → in-flight requests finish → stop listening → close the database
      const drained = drain.begin();
      options.logger.info('draining: not ready, finishing in-flight requests');
      await drained;
      await server.stop();
      await options.afterDrain?.().catch((error: unknown) => options.logger.error({ err: { message: (error as Error).message } }, 'shutdown step failed'));
      await database?.close();
    },
  };
}

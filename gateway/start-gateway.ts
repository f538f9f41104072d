// first: it decides what loading @apollo/gateway brings in
import './apollo/telemetry-off';
// likewise: what the gateway never uses of Apollo's packages is loaded on first use
import './apollo/deferred-modules';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { checkProductionAuth, limitsOf, type GatewayConfig } from '../common/config/gateway-settings';
import { loadTls } from '../common/config/tls-settings';
import { createServer, schemeOf } from '../common/http/create-server';
import { formatError } from '../common/errors';
import { createDrain, DRAIN_CUTOFF_MS } from '../common/http/drain';
import { createLogger, type Logger } from '../common/log';
import { signSubgraphCalls } from './auth/sign-subgraph-calls';
import { createSubgraphSigner } from './auth/subgraph-signer';
import { createCallerVerifier, type VerifyCaller } from './auth/verify-caller';
import { ALLIANCE_SUBGRAPH, HOSPITALS_SUBGRAPH } from './compose/compose-supergraph';
import { contractFactsOf } from './compose/contract-facts-of';
import { loadSupergraph } from './compose/load-supergraph';
import { HOSPITAL_CONTRACT_FILE, readSchemaFile, schemaDir } from '../common/contract/schema-files';
import { HospitalsDataSource, type OnMemberRequest } from './fanout/hospitals-data-source';
import type { GatewayContext } from './gateway-context';
import { createHttpApp } from './http/create-http-app';
import { createContextOf } from './http/request-context';
import { gatewayListener } from './http/graphql-post';
import { errorHandler, notFound } from './http/last-handlers';
import { publicBaseUrl } from './http/public-url';
import { fastPathPlugin } from './fast-path/fast-path-plugin';
import { LearnedPlans } from './fast-path/learned-plans';
import { ConcurrencyLimiter } from './http/concurrency-limiter';
import { RateLimiter } from './http/rate-limiter';
import { withoutSuggestions } from './plugins/block-field-suggestions';
import { createLimitChecker, limitsPlugin } from './plugins/limits';
import { GatewayMetrics } from './plugins/metrics';
import { requestIdInErrorsPlugin } from './plugins/request-id';
import { requestErrorsCapPlugin } from './plugins/request-errors-cap';
import { requestLogPlugin } from './plugins/request-log';
import { buildSdlSchema } from '../common/contract/contract-check';
import { MemberRegistry } from './registry/member-registry';
import { AllianceDataSource } from './transport/alliance-data-source';
import { createHttpAgent } from './transport/http-agent';
import { MemberFetch } from './transport/member-fetch';

export interface StartGatewayOptions {
  /** Folder holding hospital.graphql and alliance.graphql; default: the project's schema/. */
  schemaDir?: string;
  logger?: Logger;
  /** Extra per-member request headers, after the signed token is set. */
  onMemberRequest?: OnMemberRequest;
  /** Caller verification; default: MEDALLIANCE_JWKS_URL, else the dev issuer key under the data directory. */
  verifyCaller?: VerifyCaller;
}

export interface RunningGateway {
  url: string;
  port: number;
  registry: MemberRegistry;
  close(): Promise<void>;
}

function apolloLogger(logger: Logger) {
  return {
    debug: (message?: unknown) => logger.debug(String(message)),
    info: (message?: unknown) => logger.info(String(message)),
    warn: (message?: unknown) => logger.warn(String(message)),
    error: (message?: unknown) => logger.error(String(message)),
  };
}

/**
 * Caller tokens from the identity provider's JWKS (production), else the dev issuer key
 * under the data directory; the dev case is said loudly (DESIGN 5: dev mode is explicit).
 */
function callerVerifier(config: GatewayConfig, logger: Logger): VerifyCaller {
  if (config.jwksUrl) return createCallerVerifier({ jwksUrl: config.jwksUrl, issuer: config.jwtIssuer || undefined, audience: config.jwtAudience, dataDir: config.dataDir });
  logger.warn('DEV MODE: caller tokens are verified with the dev issuer key under the data directory (set MEDALLIANCE_JWKS_URL for an identity provider)');
  return createCallerVerifier({ dataDir: config.dataDir });
}

/**
 * The gateway (DESIGN 4): supergraph composed in-process, the alliance as a remote
 * subgraph, the `hospitals` subgraph fanned out to the registry's members. Start-up never
 * fails because the alliance or a member is down.
 */
export async function startGateway(config: GatewayConfig, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  checkProductionAuth(config);
  const logger = options.logger ?? createLogger('gateway', config.logLevel);
  const folder = options.schemaDir ?? schemaDir();
  const supergraph = await loadSupergraph(folder, config.dataDir, logger);
  const contract = buildSdlSchema(readSchemaFile(HOSPITAL_CONTRACT_FILE, folder));
  // list orders, cuts, sizes, routing and versions: read from the same files, never a second table
  const facts = contractFactsOf(folder);

  // TLS files are read once, here: an unreadable one stops the start with a config error
  const tls = loadTls(config);
  const signer = await createSubgraphSigner(config.dataDir);
  // the caller's membership (`memberStatus`) is the registry's, set on the context per request (http/request-context.ts)
  const auth = signSubgraphCalls(signer);
  const verifyCaller = options.verifyCaller ?? callerVerifier(config, logger);
  const metrics = new GatewayMetrics();
  const agent = createHttpAgent({ maxSockets: config.maxSockets, keepAliveMs: config.keepAliveMs, tls: tls.client });
  const memberFetch = new MemberFetch({
    timeoutMs: config.memberTimeoutMs,
    maxSockets: config.maxSockets,
    keepAliveMs: config.keepAliveMs,
    breakerFailureThreshold: config.breakerFailures,
    breakerCooldownMs: config.breakerCooldownMs,
    maxAnswerBytes: config.maxAnswerBytes,
    logger,
    observer: metrics,
    tls: tls.client,
  });
  // outside buildService: that runs again on every supergraph update (DESIGN 8)
  const registry = new MemberRegistry({
    allianceUrl: config.allianceUrl,
    pollIntervalMs: config.registryPollMs,
    probeIntervalMs: config.memberProbeMs,
    allianceTimeoutMs: config.allianceTimeoutMs,
    dataDir: config.dataDir,
    contract,
    facts,
    memberFetch,
    agent,
    logger,
    allianceHeaders: (request) => auth.serviceForAlliance(request),
    memberHeaders: (hospitalId, request) => auth.serviceForMember(hospitalId, request),
  });
  await registry.start();
  const hospitals = new HospitalsDataSource({ directory: registry, transport: memberFetch, facts, contract, authorize: auth.forMember, onMemberRequest: options.onMemberRequest });
  const alliance = new AllianceDataSource({ url: config.allianceUrl, agent, timeoutMs: config.allianceTimeoutMs });
  alliance.authorize = auth.forAlliance;
  alliance.logger = logger;
  const plans = config.fastPath ? new LearnedPlans(new Set([HOSPITALS_SUBGRAPH.name, ALLIANCE_SUBGRAPH.name])) : undefined;

  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.supergraphSdl,
    buildService: ({ name }) => (name === HOSPITALS_SUBGRAPH.name ? hospitals : alliance),
    queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    experimental_didResolveQueryPlan: plans?.didResolveQueryPlan,
    logger: apolloLogger(logger),
  });

  const app = express();
  // without this every answer names the framework (OWASP)
  app.disable('x-powered-by');
  // an ETag is a hash of every answer body, and no client revalidates GraphQL POSTs
  app.disable('etag');
  const drain = createDrain((res) => {
    res.statusCode = 503;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ errors: [formatError({ message: 'The gateway is shutting down; send the request again.' }, undefined, { maskInternal: false })] }));
  });
  const lastError = errorHandler(logger);
  // first: the drain, and the POSTs of plain JSON to /graphql without express's router
  const gatewayHttp = gatewayListener({ app, drain, lastError });
  const httpServer = createServer(gatewayHttp.listener, tls.server);
  const introspection = config.introspection === 'auto' ? !config.production : config.introspection === 'true';
  const limits = limitsOf(config);
  // fields every member serves: their cost counts once per member asked (DESIGN 5)
  const fannedOut = new Set(Object.keys(contract.getQueryType()?.getFields() ?? {}).filter((name) => !name.startsWith('_')));
  const checkLimits = createLimitChecker(limits, facts, { rootFields: fannedOut, directory: registry });
  // the one error mapper: Apollo's formatError, and the fast path's answers (which Apollo does not format);
  // without introspection it also cuts field suggestions
  const formatGatewayError = (formatted: GraphQLFormattedError, error: unknown) => {
    // without the request id: Apollo gives none here; requestIdInErrorsPlugin adds it
    const mapped = formatError(formatted, error, { maskInternal: config.production });
    return introspection ? mapped : withoutSuggestions(mapped);
  };
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection,
    csrfPrevention: true,
    // batching stays off (Apollo's default): one operation per request, one rate-limit token
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // one owner of SIGINT/SIGTERM per process (cli/close-on-signal.ts): Apollo's own handler
    // would stop the server and re-raise the signal
    stopOnTerminationSignals: false,
    // the HTTP gate counts tokens first; this only backs it up
    parseOptions: { maxTokens: limits.maxTokens },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: DRAIN_CUTOFF_MS }),
      ApolloServerPluginLandingPageDisabled(),
      // traces for a gateway above this one: Apollo's default plugin only serves a subgraph's
      // schema, so it would stay inert here; named, it is not loaded (nor its protobufs)
      ApolloServerPluginInlineTraceDisabled(),
      requestIdInErrorsPlugin({ maskInternal: config.production }),
      requestLogPlugin(),
      metrics.plugin(),
      limitsPlugin(checkLimits),
      requestErrorsCapPlugin(),
      ...(plans
        ? [fastPathPlugin({ plans, fetchers: { [HOSPITALS_SUBGRAPH.name]: hospitals, [ALLIANCE_SUBGRAPH.name]: alliance }, formatError: formatGatewayError, metrics })]
        : []),
    ],
    formatError: formatGatewayError,
  });
  await server.start();

  const contextOf = createContextOf({
    logger,
    verifyCaller,
    rateLimiter: new RateLimiter({ perSecond: config.rateLimitPerSecond, burst: config.rateLimitBurst }),
    memberStatus: (hospitalId) => registry.statusOf(hospitalId),
    concurrency: new ConcurrencyLimiter(config.maxConcurrentPerCaller),
  });
  gatewayHttp.serve({ server, contextOf, maxTokens: limits.maxTokens, maxDirectives: limits.maxDirectives, bodyLimitBytes: config.bodyLimitBytes });
  app.use(
    createHttpApp({
      server,
      logger,
      metrics,
      contextOf,
      maxTokens: limits.maxTokens,
      maxDirectives: limits.maxDirectives,
      bodyLimitBytes: config.bodyLimitBytes,
      jwks: () => signer.jwks(),
      graphiql: introspection,
      fhirBaseUrl: () => publicBaseUrl(config, (httpServer.address() as AddressInfo | null)?.port ?? config.port),
      readiness: () => {
        if (drain.draining) return { ready: false, body: { status: 'draining' } };
        const snapshot = registry.snapshot();
        return {
          ready: snapshot.source !== 'none',
          body: {
            supergraph: { version: supergraph.version },
            contract: { version: facts.version },
            registry: { source: snapshot.source, allianceReachable: snapshot.allianceReachable, lastPollAt: snapshot.lastPollAt },
            members: snapshot.members,
          },
        };
      },
    }),
  );

  // after the app: nothing of a request reaches express's default handler (stacks, paths)
  app.use(notFound());
  app.use(lastError);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `${schemeOf(tls.server)}://${config.host}:${port}/graphql`;
  logger.info({ port, url, supergraph: supergraph.version, members: registry.list().length }, 'gateway listening');
  return {
    url,
    port,
    registry,
    async close() {
      // readiness 503 while still listening → in-flight requests finish → stop listening
      const drained = drain.begin();
      logger.info('draining: not ready, finishing in-flight requests');
      await drained;
      registry.stop();
      await server.stop();
      await memberFetch.close();
      await agent.close();
    },
  };
}

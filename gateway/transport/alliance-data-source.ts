import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayCachePolicy, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, type DocumentNode } from 'graphql';
import type { Agent } from 'undici';
import { AllianceUnavailableError, stripLocations } from '../../common/errors';
import type { Logger } from '../../common/log';
import type { SubgraphRequestBody } from '../../common/auth/request-hash';
import type { GatewayContext } from '../gateway-context';
import { AnswerTooLargeError, CallCancelledError, sendJson, type JsonReply } from './send-json';

/**
 * Largest alliance answer read, in bytes; larger is ALLIANCE_UNAVAILABLE. The alliance is
 * the project's own service, so this is no per-request budget (members have one,
 * `MEDALLIANCE_MEMBER_MAX_ANSWER_BYTES`) but a bound on the gateway's memory: the query
 * cost limit keeps every legitimate answer far below it.
 */
export const ALLIANCE_MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export interface AllianceDataSourceOptions {
  url: string;
  /** The pooled keep-alive agent shared with the registry's calls. */
  agent: Agent;
  /** `MEDALLIANCE_ALLIANCE_TIMEOUT_MS`: a call not answered to the end by then is ALLIANCE_UNAVAILABLE. */
  timeoutMs: number;
  maxAnswerBytes?: number;
}

/** The error Apollo's `errorFromResponse` makes of a non-2xx answer: a 4xx passes on as it is. */
function errorFromReply(url: string, reply: JsonReply): GraphQLError {
  const extensions: Record<string, unknown> = {
    response: { url, status: reply.status, statusText: String(reply.status), body: reply.body ?? reply.text },
  };
  if (reply.status === 401) extensions.code = 'UNAUTHENTICATED';
  else if (reply.status === 403) extensions.code = 'FORBIDDEN';
  return new GraphQLError(`${reply.status}: ${reply.status}`, { extensions });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The alliance subgraph: its requests carry the forwarded headers (purpose of use,
 * request id) and a token signed for the alliance and that request. `process` is Apollo's
 * (`RemoteGraphQLDataSource`: the same body, headers, answer and errors) sent through
 * the members' transport (`send-json.ts`): one encoded body and one dispatch per call,
 * with no fetch `Request`/`Headers` objects or AbortSignal (DESIGN 4: the gateway's CPU
 * per request).
 */
export class AllianceDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** The `Authorization` value for one call to the alliance (a token signed for it and that request). */
  authorize?: (context: GatewayContext, request: SubgraphRequestBody) => Promise<string | undefined>;
  logger?: Logger;
  private readonly agent: Agent;
  private readonly limits: { timeoutMs: number; maxBytes: number };

  constructor(options: AllianceDataSourceOptions) {
    super({ url: options.url });
    this.agent = options.agent;
    this.limits = { timeoutMs: options.timeoutMs, maxBytes: options.maxAnswerBytes ?? ALLIANCE_MAX_ANSWER_BYTES };
  }

  /**
   * DESIGN 4: an alliance that cannot be reached, hangs past the timeout or answers 5xx
   * (e.g. its database is down) is ALLIANCE_UNAVAILABLE on its fields; the socket or
   * timeout text stays in the log. A 4xx is the alliance's own answer and passes on.
   */
  override didEncounterError(error: Error, _fetchRequest: unknown, fetchResponse?: { status: number }): void {
    const status = fetchResponse?.status;
    if (status !== undefined && status < 500) throw error;
    // nobody reads this answer: no warning either
    if (error instanceof CallCancelledError) throw new AllianceUnavailableError('was not waited for (the caller went away)');
    const cause = (error as NodeJS.ErrnoException).code ?? (error as { cause?: NodeJS.ErrnoException }).cause?.code ?? error.name;
    this.logger?.warn({ status, cause: stripLocations(String(cause)) }, 'alliance subgraph request failed');
    if (error instanceof AnswerTooLargeError) throw new AllianceUnavailableError('answered more than the gateway accepts');
    throw new AllianceUnavailableError(error.name === 'TimeoutError' || error.name === 'AbortError' ? 'did not answer in time' : 'did not answer');
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const { query, variables, operationName } = request;
    if (!query) throw new Error('Missing query');
    const headers: Record<string, string> = {};
    // the executor's own request headers (a trace request, when traces are captured)
    if (request.http) for (const [name, value] of request.http.headers) headers[name] = value;
    const context = options.context as GatewayContext | undefined;
    if (context) {
      const forwarded = context.forwardHeaders ?? {};
      for (const name in forwarded) headers[name] = forwarded[name];
      // signed for exactly the body posted below (query, variables, operationName)
      const authorization = await this.authorize?.(context, { query, variables, operationName });
      if (authorization) headers.authorization = authorization;
    }
    const { http: _http, ...posted } = request;
    const body = Buffer.from(JSON.stringify(posted));

    let status: number | undefined;
    let answer: Record<string, unknown>;
    try {
      // the caller gone (its request's signal), the call ends too: no socket and no alliance work held for nobody
      const reply = await sendJson(this.agent, this.url, body, headers, context?.signal ? { ...this.limits, cancel: context.signal } : this.limits);
      status = reply.status;
      if (status < 200 || status >= 300) throw errorFromReply(this.url, reply);
      if (!isObject(reply.body)) throw new Error(`Expected JSON response body, but received: ${reply.text ?? String(reply.body)}`);
      answer = reply.body;
    } catch (error) {
      this.didEncounterError(error as Error, undefined, status === undefined ? undefined : { status });
      throw error;
    }
    // as Apollo's `respond`: the alliance always answers `cache-control: no-store` (subgraphs' no-store plugin), a hint of max-age 0
    if ((options.kind as string) === 'incoming operation' && this.honorSubgraphCacheControlHeader) {
      const policy = (options as { incomingRequestContext?: { overallCachePolicy?: Partial<GatewayCachePolicy> } }).incomingRequestContext?.overallCachePolicy;
      if (policy && 'restrict' in policy) policy.restrict?.({ maxAge: 0 });
    }
    return answer;
  }

  /**
   * The fast path's call (`fast-path/`): the same request Apollo's executor makes for a
   * root fetch, without an incoming request context, which only matters for subgraph
   * cache hints and the alliance sends none.
   */
  runPlanned(
    fetch: { query: string; document: DocumentNode; operationName?: string },
    variables: Record<string, unknown>,
    context: GatewayContext,
  ): Promise<GatewayGraphQLResponse> {
    return this.process({
      // GraphQLDataSourceRequestKind is a type-only export (DESIGN 8): the string is its value
      kind: 'incoming operation',
      request: { query: fetch.query, variables, operationName: fetch.operationName },
      document: fetch.document,
      context,
      incomingRequestContext: {},
      pathInIncomingRequest: [],
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
  }
}

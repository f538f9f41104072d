import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { DocumentNode } from 'graphql';
import { request, type Agent } from 'undici';
import { AllianceUnavailableError, stripLocations } from '../../common/errors';
import type { Logger } from '../../common/log';
import type { SubgraphRequestBody } from '../../common/auth/request-hash';
import type { GatewayContext } from '../gateway-context';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/**
 * A fetch-shaped function over a pooled undici agent: the gateway's default fetcher
 * (make-fetch-happen) halves throughput (DESIGN 4). Only what RemoteGraphQLDataSource
 * reads is provided.
 */
export function leanFetcher(agent: Agent, timeoutMs: number): Fetcher {
  const fetcher = async (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => {
    const response = await request(url, {
      dispatcher: agent,
      method: (init?.method ?? 'POST') as 'POST',
      headers: init?.headers,
      body: init?.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.body.text();
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    }
    return {
      ok: response.statusCode >= 200 && response.statusCode < 300,
      status: response.statusCode,
      statusText: String(response.statusCode),
      url,
      headers,
      bodyUsed: true,
      redirected: false,
      text: async () => text,
      json: async () => JSON.parse(text) as unknown,
    };
  };
  return fetcher as unknown as Fetcher;
}

/**
 * The alliance subgraph: a plain remote data source whose requests carry the forwarded
 * headers (purpose of use, request id) and a token signed for the alliance.
 */
export class AllianceDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** The `Authorization` value for one call to the alliance (a token signed for it and that request). */
  authorize?: (context: GatewayContext, request: SubgraphRequestBody) => Promise<string | undefined>;
  logger?: Logger;

  /**
   * DESIGN 4: an alliance that cannot be reached, hangs past the timeout or answers 5xx
   * (e.g. its database is down) is ALLIANCE_UNAVAILABLE on its fields; the socket or
   * timeout text stays in the log. A 4xx is the alliance's own answer and passes on.
   */
  override didEncounterError(error: Error, _fetchRequest: unknown, fetchResponse?: { status: number }): void {
    const status = fetchResponse?.status;
    if (status !== undefined && status < 500) throw error;
    const cause = (error as NodeJS.ErrnoException).code ?? (error as { cause?: NodeJS.ErrnoException }).cause?.code ?? error.name;
    this.logger?.warn({ status, cause: stripLocations(String(cause)) }, 'alliance subgraph request failed');
    throw new AllianceUnavailableError(error.name === 'TimeoutError' || error.name === 'AbortError' ? 'did not answer in time' : 'did not answer');
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const context = options.context as GatewayContext | undefined;
    if (!context) return;
    for (const [name, value] of Object.entries(context.forwardHeaders ?? {})) options.request.http?.headers.set(name, value);
    // signed for exactly the body RemoteGraphQLDataSource posts next (query, variables, operationName)
    const { query, variables, operationName } = options.request;
    const authorization = await this.authorize?.(context, { query: query ?? '', variables, operationName });
    if (authorization) options.request.http?.headers.set('authorization', authorization);
  }

  /**
   * The fast path's call (`fast-path/`): the same request Apollo's executor makes for a
   * root fetch (same hooks, same fetcher), without an incoming request context, which
   * only matters for subgraph cache hints and the alliance sends none.
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

import { postGraphQL, type GraphQLResponse } from '../support/graphql-client';
import { STATEMENT_COUNT_HEADER } from '../../subgraphs/runtime/http/statement-count-plugin';

/**
 * Where a test request goes and as whom. Headers are made per request, for that request:
 * a gateway token is bound to one query and its variables and accepted once.
 */
export interface Target {
  url: string;
  headers(request: { query: string; variables?: Record<string, unknown> }): Promise<Record<string, string>>;
}

/** Posts a query as the target's caller. */
export async function post<T = any>(target: Target, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  return postGraphQL<T>(target.url, query, variables, await target.headers({ query, variables }));
}

/** Posts a query and fails with the errors when the answer has any. */
export async function queryOk<T = any>(target: Target, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await post<T>(target, query, variables);
  if (response.body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors)}`);
  return response.body.data as T;
}

/** The `extensions.code` of every error in the answer. */
export function errorCodes(response: GraphQLResponse): string[] {
  return (response.body.errors ?? []).map((e) => String(e.extensions?.code));
}

export async function errorCodesOf(target: Target, query: string, variables?: Record<string, unknown>): Promise<string[]> {
  return errorCodes(await post(target, query, variables));
}

/** SQL statements the subgraph issued for one request (which asks to be counted). */
export async function statementsFor(target: Target, query: string, variables?: Record<string, unknown>): Promise<number> {
  const response = await postGraphQL(target.url, query, variables, { ...(await target.headers({ query, variables })), [STATEMENT_COUNT_HEADER]: 'count' });
  if (response.body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors)}`);
  return Number(response.headers.get(STATEMENT_COUNT_HEADER));
}

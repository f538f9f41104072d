import { postGraphQL, type GraphQLResponse } from '../support/graphql-client';
import { STATEMENT_COUNT_HEADER } from '../../subgraphs/runtime/http/statement-count-plugin';

/** Posts a query and fails with the errors when the answer has any. */
export async function queryOk<T = any>(url: string, query: string, variables?: Record<string, unknown>): Promise<T> {
  const response = await postGraphQL<T>(url, query, variables);
  if (response.body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors)}`);
  return response.body.data as T;
}

/** The `extensions.code` of every error in the answer. */
export function errorCodes(response: GraphQLResponse): string[] {
  return (response.body.errors ?? []).map((e) => String(e.extensions?.code));
}

export async function errorCodesOf(url: string, query: string, variables?: Record<string, unknown>): Promise<string[]> {
  return errorCodes(await postGraphQL(url, query, variables));
}

/** SQL statements the subgraph issued for one request. */
export async function statementsFor(url: string, query: string, variables?: Record<string, unknown>): Promise<number> {
  const response = await postGraphQL(url, query, variables);
  if (response.body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors)}`);
  return Number(response.headers.get(STATEMENT_COUNT_HEADER));
}

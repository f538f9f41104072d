import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../gateway-context';
import type { SingleFetchPlan } from './single-fetch-plan';

/** The planner's fetch as a data source needs it. */
export interface FetchOperation {
  query: string;
  document: DocumentNode;
  operationName?: string;
}

/** A subgraph's data source, called with a planned fetch (`HospitalsDataSource`, `AllianceDataSource`). */
export interface PlannedFetch {
  runPlanned(fetch: FetchOperation, variables: Record<string, unknown>, context: GatewayContext): Promise<GatewayGraphQLResponse>;
}

/** The gateway's one error mapper, as Apollo Server is given it (`formatError`). */
export type FormatGatewayError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

export interface FastAnswer {
  errors?: GraphQLFormattedError[];
  data: Record<string, unknown> | null;
}

/** The variables the subgraph operation uses, as Apollo's executor passes them: raw, only those given. */
function usedVariables(plan: SingleFetchPlan, variables: Record<string, unknown>): Record<string, unknown> {
  const used: Record<string, unknown> = {};
  for (const name of plan.variableUsages) {
    if (Object.prototype.hasOwnProperty.call(variables, name) && variables[name] !== undefined) used[name] = variables[name];
  }
  return used;
}

/**
 * A subgraph's error as Apollo's executor reports it (`downstreamServiceError`): its own
 * message and extensions plus the subgraph's name, no locations (they point into the
 * subgraph's document), DOWNSTREAM_SERVICE_ERROR when it had no code; then the one mapper.
 */
function asGatewayError(error: GraphQLFormattedError, serviceName: string, format: FormatGatewayError): GraphQLFormattedError {
  const extensions: Record<string, unknown> = { ...(error.extensions ?? {}), serviceName };
  if (extensions.code === undefined) extensions.code = 'DOWNSTREAM_SERVICE_ERROR';
  const formatted: GraphQLFormattedError = {
    message: error.message || `Error while fetching subquery from service "${serviceName}"`,
    ...(error.path ? { path: error.path } : {}),
    extensions,
  };
  return format(formatted, formatted);
}

/**
 * Runs a learned single-fetch plan: one call of the subgraph's data source (for
 * `hospitals`, the fan-out), whose answer is the caller's answer once a null in a
 * non-null root field has nulled `data`, as GraphQL execution would.
 */
export async function answerSingleFetch(
  plan: SingleFetchPlan,
  dataSource: PlannedFetch,
  variables: Record<string, unknown>,
  context: GatewayContext,
  format: FormatGatewayError,
): Promise<FastAnswer> {
  let data: Record<string, unknown> | null = null;
  let errors: GraphQLFormattedError[] = [];
  try {
    const response = await dataSource.runPlanned({ query: plan.operation, document: plan.document, operationName: plan.operationName }, usedVariables(plan, variables), context);
    data = (response.data as Record<string, unknown> | null | undefined) ?? null;
    errors = (response.errors ?? []).map((e) => asGatewayError(e, plan.serviceName, format));
  } catch (error) {
    // as Apollo's executor: the fetch's error as it is, every root field null
    const formatted = error instanceof GraphQLError ? error.toJSON() : { message: error instanceof Error ? error.message : String(error) };
    errors = [format(formatted, error)];
    data = Object.fromEntries(plan.rootKeys.map((key) => [key, null]));
  }
  if (data && plan.nonNullRootKeys.some((key) => data![key] === null || data![key] === undefined)) data = null;
  return errors.length > 0 ? { errors, data } : { data };
}

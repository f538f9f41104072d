import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import { formatError, type FormatErrorOptions } from '../../common/errors';
import type { GatewayContext } from '../gateway-context';
import type { SingleFetchPlan } from './single-fetch-plan';

/** A subgraph's data source, called with a planned document (`HospitalsDataSource.run`). */
export interface PlannedFetch {
  run(document: DocumentNode, variables: Record<string, unknown>, context: GatewayContext): Promise<GatewayGraphQLResponse>;
}

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
function asGatewayError(error: GraphQLFormattedError, serviceName: string, options: FormatErrorOptions): GraphQLFormattedError {
  const extensions: Record<string, unknown> = { ...(error.extensions ?? {}), serviceName };
  if (extensions.code === undefined) extensions.code = 'DOWNSTREAM_SERVICE_ERROR';
  const formatted: GraphQLFormattedError = {
    message: error.message || `Error while fetching subquery from service "${serviceName}"`,
    ...(error.path ? { path: error.path } : {}),
    extensions,
  };
  return formatError(formatted, formatted, options);
}

/**
 * Runs a learned single-fetch plan: one call of the subgraph's data source (for
 * `hospitals`, the fan-out), whose answer is the caller's answer once a null in a
 * non-null root field has nulled `data`, as GraphQL execution would.
 */
export async function answerSingleFetch(plan: SingleFetchPlan, dataSource: PlannedFetch, variables: Record<string, unknown>, context: GatewayContext, errorOptions: FormatErrorOptions): Promise<FastAnswer> {
  let data: Record<string, unknown> | null = null;
  let errors: GraphQLFormattedError[] = [];
  try {
    const response = await dataSource.run(plan.document, usedVariables(plan, variables), context);
    data = (response.data as Record<string, unknown> | null | undefined) ?? null;
    errors = (response.errors ?? []).map((e) => asGatewayError(e, plan.serviceName, errorOptions));
  } catch (error) {
    errors = [formatError({ message: error instanceof Error ? error.message : String(error) }, error, errorOptions)];
  }
  if (data && plan.nonNullRootKeys.some((key) => data![key] === null || data![key] === undefined)) data = null;
  return errors.length > 0 ? { errors, data } : { data };
}

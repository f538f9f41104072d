import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener, type GraphQLResponse } from '@apollo/server';
import { getVariableValues } from 'graphql';
import type { GatewayContext } from '../gateway-context';
import type { GatewayMetrics } from '../plugins/metrics';
import { answerSingleFetch, type FastAnswer, type FormatGatewayError, type PlannedFetch } from './answer-single-fetch';
import type { LearnedPlans } from './learned-plans';

export interface FastPathOptions {
  plans: LearnedPlans;
  /** The data source of each subgraph a learned plan may name. */
  fetchers: Readonly<Record<string, PlannedFetch>>;
  /** The gateway's error mapper, the one Apollo Server formats every other error with. */
  formatError: FormatGatewayError;
  metrics: GatewayMetrics;
}

/** Nothing of the HTTP head is the step's to set: status and headers stay Apollo's and its plugins'. */
const NO_HEAD = { status: undefined, headers: new HeaderMap() };

/**
 * The single-fetch step of Apollo Server's request pipeline (`responseForOperation`): it
 * runs after the context (caller check, rate limit), parsing, validation and the limits
 * (`didResolveOperation`), and answers an operation with a learned single-fetch plan
 * (`learned-plans.ts`) through the subgraph's data source instead of Apollo's executor.
 * Anything else, and variables that do not coerce, is left to the executor (`null`),
 * which answers it as always. The request log, metrics, error cap and cache-control
 * header are Apollo's `willSendResponse` hooks, run for both.
 */
export function fastPathPlugin(options: FastPathOptions): ApolloServerPlugin<GatewayContext> {
  const listener: GraphQLRequestListener<GatewayContext> = {
    async responseForOperation({ operation, request, contextValue }): Promise<GraphQLResponse | null> {
      const plan = operation && options.plans.get(operation);
      const fetcher = plan && options.fetchers[plan.serviceName];
      if (!plan || !fetcher) return null;
      const variables = request.variables ?? {};
      // the executor's own check and wording (BAD_USER_INPUT): a bad variable is answered there
      if (getVariableValues(plan.schema, plan.variableDefinitions, variables).errors) return null;
      let answer: FastAnswer;
      try {
        answer = await answerSingleFetch(plan, fetcher, variables, contextValue, options.formatError);
      } catch (error) {
        // past this point a subgraph may have been called: answer here, never a second time through the executor
        answer = { errors: [options.formatError({ message: 'Unexpected error.' }, error)], data: null };
      }
      options.metrics.fastPathRequest();
      return { http: NO_HEAD, body: { kind: 'single', singleResult: answer } };
    },
  };
  // one listener for every request: it keeps no state of its own
  return { requestDidStart: async () => listener };
}

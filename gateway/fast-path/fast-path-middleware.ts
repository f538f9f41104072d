import type { Request, RequestHandler } from 'express';
import { getVariableValues } from 'graphql';
import { formatError } from '../../common/errors';
import type { CheckLimits } from '../plugins/limits';
import type { GatewayMetrics } from '../plugins/metrics';
import { logGraphQLRequest } from '../plugins/request-log';
import type { ContextOf } from '../http/request-context';
import { answerSingleFetch, type FastAnswer, type PlannedFetch } from './answer-single-fetch';
import { operationKey, type LearnedPlans } from './learned-plans';

export interface FastPathOptions {
  plans: LearnedPlans;
  /** The data source of each subgraph a learned plan may name. */
  fetchers: Readonly<Record<string, PlannedFetch>>;
  contextOf: ContextOf;
  checkLimits: CheckLimits;
  metrics: GatewayMetrics;
  /** Production masks internal errors, as the gateway's formatError does. */
  maskInternal: boolean;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The media type Apollo would answer with; undefined for anything unusual (Apollo decides those). */
function responseType(req: Request): string | undefined {
  const accept = req.headers.accept;
  if (!accept) return JSON_TYPE;
  if (accept.includes('callbackSpec')) return undefined;
  const preferred = req.accepts(['application/json', 'application/graphql-response+json']);
  if (preferred === 'application/json') return JSON_TYPE;
  if (preferred === 'application/graphql-response+json') return GRAPHQL_RESPONSE_TYPE;
  return undefined;
}

/**
 * Answers an operation the gateway has already planned to one fetch (`learned-plans.ts`)
 * without Apollo's request pipeline and executor: same caller check, rate limit, limits,
 * variable check, data source, error mapper, log line and metrics. Anything it does not
 * recognise, and every refusal, goes on to Apollo (`next()`) before a subgraph is called,
 * so errors keep the one shape Apollo gives them.
 */
export function fastPathMiddleware(options: FastPathOptions): RequestHandler {
  return async (req, res, next) => {
    const body: unknown = req.body;
    if (req.method !== 'POST' || !isRecord(body) || typeof body.query !== 'string' || body.extensions !== undefined) return next();
    const operationName = body.operationName ?? null;
    const variables = body.variables ?? {};
    if ((operationName !== null && typeof operationName !== 'string') || !isRecord(variables)) return next();
    const plan = options.plans.get(operationKey(body.query, operationName));
    const fetcher = plan && options.fetchers[plan.serviceName];
    const type = plan && responseType(req);
    if (!plan || !fetcher || !type) return next();
    if (getVariableValues(plan.schema, plan.variableDefinitions, variables).errors) return next();
    if (options.checkLimits(plan.schema, plan.clientDocument, variables)) return next();

    const started = process.hrtime.bigint();
    let context;
    try {
      context = await options.contextOf(req, res);
    } catch {
      return next();
    }
    const errorOptions = { maskInternal: options.maskInternal, requestId: context.requestId };
    let answer: FastAnswer;
    try {
      answer = await answerSingleFetch(plan, fetcher, variables, context, errorOptions);
    } catch (error) {
      // past this point a subgraph may have been called: answer here, never a second time through Apollo
      answer = { errors: [formatError({ message: 'Unexpected error.' }, error, errorOptions)], data: null };
    }
    logGraphQLRequest(context.logger, plan.clientOperationName, started, answer.errors);
    options.metrics.graphqlRequest(plan.clientOperationName, started, answer);
    options.metrics.fastPathRequest();
    // Apollo's cache-control plugin says no-store for every answer without cache hints, as here
    res.status(200).type(type).setHeader('cache-control', 'no-store');
    res.send(`${JSON.stringify(answer)}\n`);
  };
}

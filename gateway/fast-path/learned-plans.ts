import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import type { OperationDefinitionNode } from 'graphql';
import { singleFetchPlan, type SingleFetchPlan } from './single-fetch-plan';

/**
 * What the gateway has learned about operations it planned: the single-fetch plan of
 * those that qualify, `null` for those that do not (so the verdict is not worked out again).
 * Filled by Apollo's `experimental_didResolveQueryPlan`, after parsing, validation, the
 * limits and the variables all passed on Apollo's executor path.
 *
 * Keyed by the operation's node in the parsed document: Apollo's document store hands the
 * same document object for the same query text, so a request finds its plan with one
 * lookup and no key to build, and an entry goes when the store drops its document (the
 * store's bound is this one's). The supergraph is composed once at start, so an entry
 * never goes stale; a new supergraph means a new gateway process.
 */
export class LearnedPlans {
  private readonly entries = new WeakMap<OperationDefinitionNode, SingleFetchPlan | null>();

  constructor(
    /** Only plans to these subgraphs qualify (their data source is called directly). */
    private readonly serviceNames: ReadonlySet<string>,
  ) {}

  get(operation: OperationDefinitionNode): SingleFetchPlan | null | undefined {
    return this.entries.get(operation);
  }

  /** The callback Apollo calls with each plan it is about to execute. */
  readonly didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback = ({ queryPlan, requestContext, operationContext }) => {
    const { operation, schema } = operationContext;
    if (!requestContext.document || this.entries.has(operation)) return;
    const plan = singleFetchPlan(queryPlan, operation, requestContext.document, schema);
    this.entries.set(operation, plan && this.serviceNames.has(plan.serviceName) ? plan : null);
  };
}

import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import { singleFetchPlan, type SingleFetchPlan } from './single-fetch-plan';

/** As many distinct operations as Apollo's own document cache keeps in practice; beyond, the oldest go. */
const DEFAULT_CAPACITY = 1000;

/** One operation's key: the same text and operation name plan the same way against a fixed supergraph. */
export function operationKey(query: string, operationName: string | null | undefined): string {
  return `${operationName ?? ''}\u0000${query}`;
}

/**
 * What the gateway has learned about operations it planned: the single-fetch plan of
 * those that qualify, `null` for those that do not (so the verdict is not worked out again).
 * Filled by Apollo's `experimental_didResolveQueryPlan`, after parsing, validation, the
 * limits and the variables all passed on the full path. The supergraph is composed once
 * at start, so an entry never goes stale; a new supergraph means a new gateway process.
 */
export class LearnedPlans {
  private readonly entries = new Map<string, SingleFetchPlan | null>();

  constructor(
    /** Only plans to these subgraphs qualify (their data source is called directly). */
    private readonly serviceNames: ReadonlySet<string>,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  get(key: string): SingleFetchPlan | null | undefined {
    return this.entries.get(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The callback Apollo calls with each plan it is about to execute. */
  readonly didResolveQueryPlan: Experimental_DidResolveQueryPlanCallback = ({ queryPlan, requestContext, operationContext }) => {
    const query = requestContext.request.query;
    // a persisted-query hash without text, or a document Apollo did not parse from text: nothing to key on
    if (typeof query !== 'string' || !requestContext.document) return;
    const key = operationKey(query, requestContext.request.operationName);
    if (this.entries.has(key)) return;
    const plan = singleFetchPlan(queryPlan, requestContext.document, requestContext.request.operationName, operationContext.schema);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, plan && this.serviceNames.has(plan.serviceName) ? plan : null);
  };
}

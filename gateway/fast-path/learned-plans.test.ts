import { buildSchema, parse } from 'graphql';
import { LearnedPlans, operationKey } from './learned-plans';

const schema = buildSchema('type Query { staff(first: Int): [String!]! }');

/** What Apollo hands the callback, reduced to what it reads. */
function planned(query: string, node: unknown) {
  return {
    queryPlan: { kind: 'QueryPlan', node },
    requestContext: { request: { query }, document: parse(query) },
    operationContext: { schema },
    serviceMap: {},
  } as unknown as Parameters<LearnedPlans['didResolveQueryPlan']>[0];
}

function fetchOf(service: string, operation: string) {
  return { kind: 'Fetch', serviceName: service, operation, operationKind: 'query', operationName: undefined, variableUsages: [], operationDocumentNode: parse(operation) };
}

describe('LearnedPlans', () => {
  it('keeps a qualifying plan of an allowed subgraph, and a null verdict for others', () => {
    const plans = new LearnedPlans(new Set(['hospitals']));
    plans.didResolveQueryPlan(planned('{ staff }', fetchOf('hospitals', '{staff}')));
    plans.didResolveQueryPlan(planned('{ staff(first: 1) }', fetchOf('alliance', '{staff(first:1)}')));
    plans.didResolveQueryPlan(planned('{ a: staff }', fetchOf('hospitals', '{staff}')));
    expect(plans.get(operationKey('{ staff }', null))).toMatchObject({ serviceName: 'hospitals', operation: '{staff}', nonNullRootKeys: ['staff'] });
    expect(plans.get(operationKey('{ staff(first: 1) }', null))).toBeNull();
    // the alias is missing from the subgraph operation: the answer would have the wrong key
    expect(plans.get(operationKey('{ a: staff }', null))).toBeNull();
    expect(plans.get(operationKey('{ staff }', 'Other'))).toBeUndefined();
  });

  it('holds at most its capacity, dropping the oldest first', () => {
    const plans = new LearnedPlans(new Set(['hospitals']), 2);
    for (const n of [1, 2, 3]) plans.didResolveQueryPlan(planned(`{ staff(first: ${n}) }`, fetchOf('hospitals', `{staff(first:${n})}`)));
    expect(plans.size).toBe(2);
    expect(plans.get(operationKey('{ staff(first: 1) }', null))).toBeUndefined();
    expect(plans.get(operationKey('{ staff(first: 3) }', null))).not.toBeUndefined();
  });
});

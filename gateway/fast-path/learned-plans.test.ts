import { buildSchema, getOperationAST, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { LearnedPlans } from './learned-plans';

const schema = buildSchema('type Query { staff(first: Int): [String!]! }');

/** What Apollo hands the callback, reduced to what it reads. */
function planned(document: DocumentNode, node: unknown, operationName?: string) {
  return {
    queryPlan: { kind: 'QueryPlan', node },
    requestContext: { request: { operationName }, document },
    operationContext: { schema, operation: operationOf(document, operationName) },
    serviceMap: {},
  } as unknown as Parameters<LearnedPlans['didResolveQueryPlan']>[0];
}

function operationOf(document: DocumentNode, name?: string): OperationDefinitionNode {
  return getOperationAST(document, name)!;
}

function fetchOf(service: string, operation: string) {
  return { kind: 'Fetch', serviceName: service, operation, operationKind: 'query', operationName: undefined, variableUsages: [], operationDocumentNode: parse(operation) };
}

describe('LearnedPlans', () => {
  it('keeps a qualifying plan of an allowed subgraph, and a null verdict for others', () => {
    const plans = new LearnedPlans(new Set(['hospitals']));
    const [staff, other, aliased] = ['{ staff }', '{ staff(first: 1) }', '{ a: staff }'].map((text) => parse(text));
    plans.didResolveQueryPlan(planned(staff, fetchOf('hospitals', '{staff}')));
    plans.didResolveQueryPlan(planned(other, fetchOf('alliance', '{staff(first:1)}')));
    plans.didResolveQueryPlan(planned(aliased, fetchOf('hospitals', '{staff}')));
    expect(plans.get(operationOf(staff))).toMatchObject({ serviceName: 'hospitals', operation: '{staff}', nonNullRootKeys: ['staff'] });
    expect(plans.get(operationOf(other))).toBeNull();
    // the alias is missing from the subgraph operation: the answer would have the wrong key
    expect(plans.get(operationOf(aliased))).toBeNull();
  });

  it('knows an operation by its node in the parsed document: each operation of a document apart, a new parse unknown', () => {
    const plans = new LearnedPlans(new Set(['hospitals']));
    const text = 'query A { staff } query B { staff(first: 2) }';
    const document = parse(text);
    plans.didResolveQueryPlan(planned(document, fetchOf('hospitals', 'query A {staff}'), 'A'));
    expect(plans.get(operationOf(document, 'A'))).toMatchObject({ serviceName: 'hospitals', operationName: undefined });
    expect(plans.get(operationOf(document, 'B'))).toBeUndefined();
    expect(plans.get(operationOf(parse(text), 'A'))).toBeUndefined();
  });
});

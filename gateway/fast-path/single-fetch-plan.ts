import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import {
  Kind,
  OperationTypeNode,
  isNonNullType,
  print,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';

/** The planner's output, as the gateway hands it over (its package is not a direct dependency). */
export type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];

/**
 * An operation whose whole plan is one fetch of root fields from one subgraph, and whose
 * subgraph operation selects exactly what the caller asked for: the subgraph's answer is
 * then the final answer, and Apollo's executor and result shaping have nothing to add.
 */
export interface SingleFetchPlan {
  serviceName: string;
  /** The subgraph operation the planner wrote, as text and as a document. */
  operation: string;
  operationName: string | undefined;
  document: DocumentNode;
  variableUsages: readonly string[];
  /** The caller's variable definitions, for variable coercion. */
  variableDefinitions: readonly VariableDefinitionNode[];
  schema: GraphQLSchema;
  /** Root response keys, in the caller's order. */
  rootKeys: readonly string[];
  /** Root response keys whose field is non-null: a null there nulls `data` (GraphQL spec 6.4.4). */
  nonNullRootKeys: readonly string[];
}

/** The operation's selection set with every named fragment spread written out in place. */
function expandFragments(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, depth = 0): SelectionSetNode {
  // validation has refused fragment cycles; the bound only keeps a bad input from looping
  if (depth > 50) throw new Error('fragment nesting too deep');
  return {
    ...selectionSet,
    selections: selectionSet.selections.map((selection) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) throw new Error('unknown fragment');
        return {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: selection.directives,
          selectionSet: expandFragments(fragment.selectionSet, fragments, depth + 1),
        };
      }
      if (!selection.selectionSet) return selection;
      return { ...selection, selectionSet: expandFragments(selection.selectionSet, fragments, depth + 1) };
    }),
  };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  return fragments;
}

/** What the operation asks for, written out: equal text means equal answers from the same schema. */
function selectionText(operation: OperationDefinitionNode, document: DocumentNode): string {
  const directives = (operation.directives ?? []).map((d) => print(d)).join(' ');
  return `${directives}${print(expandFragments(operation.selectionSet, fragmentsOf(document)))}`;
}

function operationOf(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!name) return operations.length === 1 ? operations[0] : undefined;
  return operations.find((o) => o.name?.value === name);
}

/**
 * The plan's single fetch when the operation qualifies, else null. Conservative: anything
 * the planner had to add or rewrite (entity fetches, `__typename`, key renames, defer,
 * mutations) keeps the operation on Apollo's full path.
 */
export function singleFetchPlan(queryPlan: QueryPlan, client: OperationDefinitionNode, clientDocument: DocumentNode, schema: GraphQLSchema): SingleFetchPlan | null {
  const node = queryPlan.node;
  if (!node || node.kind !== 'Fetch') return null;
  if (
    node.operationKind !== OperationTypeNode.QUERY ||
    node.requires?.length ||
    node.inputRewrites?.length ||
    node.outputRewrites?.length ||
    node.contextRewrites?.length ||
    node.hasDefers
  )
    return null;
  const document = node.operationDocumentNode;
  const fetched = document && operationOf(document, node.operationName);
  if (!document || !fetched || client.operation !== OperationTypeNode.QUERY) return null;
  try {
    if (selectionText(client, clientDocument) !== selectionText(fetched, document)) return null;
  } catch {
    return null;
  }
  const queryType = schema.getQueryType();
  const rootKeys: string[] = [];
  const nonNullRootKeys: string[] = [];
  for (const selection of client.selectionSet.selections) {
    // a root fragment or a directive on a root field could drop the key: not worth the cases
    if (selection.kind !== Kind.FIELD || selection.directives?.length) return null;
    const field = queryType?.getFields()[selection.name.value];
    if (!field) return null;
    rootKeys.push(selection.alias?.value ?? selection.name.value);
    if (isNonNullType(field.type)) nonNullRootKeys.push(selection.alias?.value ?? selection.name.value);
  }
  return {
    serviceName: node.serviceName,
    operation: node.operation,
    operationName: node.operationName,
    document,
    variableUsages: node.variableUsages ?? [],
    variableDefinitions: client.variableDefinitions ?? [],
    schema,
    rootKeys,
    nonNullRootKeys,
  };
}

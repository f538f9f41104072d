import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  type ASTVisitor,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import type { ContractFacts } from '../../../common/contract/contract-facts';
import { tooComplex } from './too-complex';

export interface CostOptions {
  maxCost: number;
  /** Assumed length of a list field without `first`. */
  listMultiplier: number;
  /** Members a root query field is sent to (its cost counts once per member); undefined = not fanned out. */
  fanOutWidth?: (field: FieldNode, variables: Record<string, unknown>) => number | undefined;
}

/** An integer argument's value: literal, variable, else the schema default; undefined when absent everywhere. */
function argumentNumber(node: FieldNode, field: GraphQLField<unknown, unknown>, name: string, variables: Record<string, unknown>): unknown {
  const definition = field.args.find((a) => a.name === name);
  const value: ValueNode | undefined = node.arguments?.find((a) => a.name.value === name)?.value;
  if (value?.kind === Kind.INT) return Number(value.value);
  if (value?.kind === Kind.VARIABLE) return variables[value.name.value] ?? definition?.defaultValue;
  return definition?.defaultValue;
}

/**
 * Estimated fields resolved, in the spirit of Apollo's demand control: each field costs
 * its weight (`@cost(weight:)` in the contract, else 1) plus its selection. A list the
 * contract sizes (`@listSize`) multiplies that by its slicing argument (literal, variable
 * or default), else by its `assumedSize`; any other field with a `first` argument by
 * `first`; any other list by `listMultiplier`, except directly under a `first` field (the
 * list inside a connection is already counted). Runs after standard validation, so
 * fields exist and fragments do not cycle.
 */
export function operationCost(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  options: CostOptions,
  variables: Record<string, unknown>,
  facts?: ContractFacts,
): number {
  const firstOf = (node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined => {
    if (!field.args.some((a) => a.name === 'first')) return undefined;
    const first = argumentNumber(node, field, 'first', variables);
    return typeof first === 'number' && first >= 0 ? first : options.listMultiplier;
  };
  const sizeOf = (node: FieldNode, parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>): number | undefined => {
    const list = facts?.list(parent.name, field.name);
    for (const { argument, defaultValue } of list?.slicing ?? []) {
      const value = argumentNumber(node, field, argument, variables) ?? defaultValue;
      if (typeof value === 'number' && value >= 0) return value;
    }
    return list?.assumedSize ?? firstOf(node, field);
  };

  const rootType = context.getSchema().getQueryType();
  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, underFirst: boolean, fragments: Set<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
        total += walk(selection.selectionSet, isCompositeType(condition) ? condition : parent, underFirst, fragments);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = context.getFragment(name);
        if (!fragment || fragments.has(name)) continue;
        const condition = context.getSchema().getType(fragment.typeCondition.name.value);
        total += walk(fragment.selectionSet, isCompositeType(condition) ? condition : parent, underFirst, new Set([...fragments, name]));
        continue;
      }
      if (selection.name.value.startsWith('__')) {
        total += 1;
        continue;
      }
      const field = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
      if (!field) {
        total += 1;
        continue;
      }
      const first = sizeOf(selection, parent, field);
      const list = isListType(getNullableType(field.type));
      const width = parent === rootType ? (options.fanOutWidth?.(selection, variables) ?? 1) : 1;
      const multiplier = (first ?? (list && !underFirst ? options.listMultiplier : 1)) * width;
      const named = getNamedType(field.type);
      const children = selection.selectionSet && isCompositeType(named) ? walk(selection.selectionSet, named, first !== undefined && !list, fragments) : 0;
      total += multiplier * ((facts?.weight(parent.name, field.name) ?? 1) + children);
    }
    return total;
  };
  return walk(selectionSet, type, false, new Set());
}

export function costRule(options: CostOptions, variables: Record<string, unknown> = {}, facts?: ContractFacts) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const root = context.getSchema().getRootType(node.operation);
      if (!root) return;
      const cost = operationCost(context, node.selectionSet, root, options, variables, facts);
      if (cost > options.maxCost) {
        context.reportError(
          tooComplex('cost', options.maxCost, `Operation cost ${Math.ceil(cost)} exceeds the limit of ${options.maxCost} (list fields count \`first\` times).`, [node]),
        );
      }
    },
  });
}

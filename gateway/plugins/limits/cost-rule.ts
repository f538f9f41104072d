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
import { tooComplex } from './too-complex';

export interface CostOptions {
  maxCost: number;
  /** Assumed length of a list field without `first`. */
  listMultiplier: number;
  /** Members a root query field is sent to (its cost counts once per member); undefined = not fanned out. */
  fanOutWidth?: (field: FieldNode, variables: Record<string, unknown>) => number | undefined;
}

/**
 * Estimated fields resolved: each field costs 1 plus its selection; a field with a
 * `first` argument multiplies that by `first` (literal, variable or schema default); a
 * list without one by `listMultiplier`, except directly under a `first` field (the list
 * inside a connection is already counted). Runs after standard validation, so fields
 * exist and fragments do not cycle.
 */
export function operationCost(context: ValidationContext, selectionSet: SelectionSetNode, type: GraphQLCompositeType, options: CostOptions, variables: Record<string, unknown>): number {
  const firstOf = (node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined => {
    const definition = field.args.find((a) => a.name === 'first');
    if (!definition) return undefined;
    const value: ValueNode | undefined = node.arguments?.find((a) => a.name.value === 'first')?.value;
    let first: unknown = definition.defaultValue;
    if (value?.kind === Kind.INT) first = Number(value.value);
    if (value?.kind === Kind.VARIABLE) first = variables[value.name.value] ?? definition.defaultValue;
    return typeof first === 'number' && first >= 0 ? first : options.listMultiplier;
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
      const first = firstOf(selection, field);
      const list = isListType(getNullableType(field.type));
      const width = parent === rootType ? (options.fanOutWidth?.(selection, variables) ?? 1) : 1;
      const multiplier = (first ?? (list && !underFirst ? options.listMultiplier : 1)) * width;
      const named = getNamedType(field.type);
      const children = selection.selectionSet && isCompositeType(named) ? walk(selection.selectionSet, named, first !== undefined && !list, fragments) : 0;
      total += multiplier * (1 + children);
    }
    return total;
  };
  return walk(selectionSet, type, false, new Set());
}

export function costRule(options: CostOptions, variables: Record<string, unknown> = {}) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const root = context.getSchema().getRootType(node.operation);
      if (!root) return;
      const cost = operationCost(context, node.selectionSet, root, options, variables);
      if (cost > options.maxCost) {
        context.reportError(tooComplex('cost', options.maxCost, `Operation cost ${Math.ceil(cost)} exceeds the limit of ${options.maxCost} (list fields count \`first\` times).`, [node]));
      }
    },
  });
}

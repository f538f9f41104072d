import { Kind, valueFromASTUntyped, visit, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionNode, type OperationTypeNode } from 'graphql';

/**
 * Small, pure reads and rewrites of the operation the query planner sends to the
 * `hospitals` subgraph. The planner's documents are cached and shared between requests,
 * so every rewrite returns new nodes and never mutates its input.
 */
export function operationOf(document: DocumentNode): OperationDefinitionNode {
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error('fetch document has no operation');
  return operation;
}

export function operationKind(document: DocumentNode): OperationTypeNode {
  return operationOf(document).operation;
}

/** Root fields, with inline fragments on the root type flattened. */
export function rootFields(document: DocumentNode): FieldNode[] {
  const out: FieldNode[] = [];
  const collect = (selections: readonly SelectionNode[]) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) out.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet.selections);
    }
  };
  collect(operationOf(document).selectionSet.selections);
  return out;
}

export function responseKey(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}

/** The value of a field's argument, variables substituted; undefined when absent. */
export function argumentValue(field: FieldNode, name: string, variables: Record<string, unknown> | undefined): unknown {
  const argument = field.arguments?.find((a) => a.name.value === name);
  return argument ? valueFromASTUntyped(argument.value, variables ?? {}) : undefined;
}

/**
 * Keeps only the root fields whose response keys are listed, then drops the variable
 * definitions and fragments no longer used (a member would reject them as unused).
 */
export function keepRootFields(document: DocumentNode, keys: ReadonlySet<string>): DocumentNode {
  const filterSelections = (selections: readonly SelectionNode[]): SelectionNode[] =>
    selections.flatMap((selection): SelectionNode[] => {
      if (selection.kind === Kind.FIELD) return keys.has(responseKey(selection)) || selection.name.value === '__typename' ? [selection] : [];
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = filterSelections(selection.selectionSet.selections);
        return inner.length > 0 ? [{ ...selection, selectionSet: { ...selection.selectionSet, selections: inner } }] : [];
      }
      return [selection];
    });
  const definitions = document.definitions.map((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION
      ? { ...definition, selectionSet: { ...definition.selectionSet, selections: filterSelections(definition.selectionSet.selections) } }
      : definition,
  );
  return dropUnused({ ...document, definitions });
}

/** Drops the variable definitions and fragments a rewritten operation no longer uses. */
export function withoutUnused(document: DocumentNode): DocumentNode {
  return dropUnused(document);
}

function dropUnused(document: DocumentNode): DocumentNode {
  const usedFragments = new Set<string>();
  const usedVariables = new Set<string>();
  // fragments may spread other fragments: repeat until nothing new is found
  let size = -1;
  while (size !== usedFragments.size + usedVariables.size) {
    size = usedFragments.size + usedVariables.size;
    for (const definition of document.definitions) {
      const reachable = definition.kind === Kind.OPERATION_DEFINITION || (definition.kind === Kind.FRAGMENT_DEFINITION && usedFragments.has(definition.name.value));
      if (!reachable) continue;
      const body = definition.kind === Kind.OPERATION_DEFINITION ? definition.selectionSet : definition;
      visit(body, {
        VariableDefinition: () => false,
        FragmentSpread: (node) => void usedFragments.add(node.name.value),
        Variable: (node) => void usedVariables.add(node.name.value),
      });
    }
  }
  const definitions = document.definitions
    .filter((d) => d.kind !== Kind.FRAGMENT_DEFINITION || usedFragments.has(d.name.value))
    .map((d) => (d.kind === Kind.OPERATION_DEFINITION ? { ...d, variableDefinitions: d.variableDefinitions?.filter((v) => usedVariables.has(v.variable.name.value)) } : d));
  return { ...document, definitions };
}

/** The variables the (rewritten) operation declares, nothing else. */
export function variablesFor(document: DocumentNode, variables: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const definition of operationOf(document).variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables && Object.prototype.hasOwnProperty.call(variables, name)) out[name] = variables[name];
  }
  return out;
}

export const SORT_ALIAS_PREFIX = '_maSort_';

/**
 * Adds `_maSort_<field>: <field>` to the listed root fields' selections so that the
 * gateway can order merged lists by fields the caller did not select; the aliases are
 * removed again after merging.
 */
export function addSortAliases(document: DocumentNode, sortFields: Readonly<Record<string, readonly string[]>>): DocumentNode {
  const rewrite = (selections: readonly SelectionNode[]): SelectionNode[] =>
    selections.map((selection) => {
      if (selection.kind === Kind.INLINE_FRAGMENT) return { ...selection, selectionSet: { ...selection.selectionSet, selections: rewrite(selection.selectionSet.selections) } };
      if (selection.kind !== Kind.FIELD || !selection.selectionSet) return selection;
      const fields = sortFields[selection.name.value];
      if (!fields || fields.length === 0) return selection;
      const extra: FieldNode[] = fields.map((name) => ({
        kind: Kind.FIELD,
        alias: { kind: Kind.NAME, value: `${SORT_ALIAS_PREFIX}${name}` },
        name: { kind: Kind.NAME, value: name },
      }));
      return { ...selection, selectionSet: { ...selection.selectionSet, selections: [...selection.selectionSet.selections, ...extra] } };
    });
  const definitions = document.definitions.map((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION
      ? { ...definition, selectionSet: { ...definition.selectionSet, selections: rewrite(definition.selectionSet.selections) } }
      : definition,
  );
  return { ...document, definitions };
}

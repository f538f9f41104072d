import { Kind, type ASTVisitor, type ValidationContext } from 'graphql';
import { tooComplex } from './too-complex';

/**
 * Field duplication (OWASP GraphQL): `{ a a a … }` is legal GraphQL, merged into one
 * field, but every copy is validated and merged again; more than `max` copies of one
 * response key in a selection set are refused.
 */
export function duplicateFieldsRule(max: number) {
  return (context: ValidationContext): ASTVisitor => ({
    SelectionSet(node) {
      const counts = new Map<string, number>();
      for (const selection of node.selections) {
        if (selection.kind !== Kind.FIELD) continue;
        const key = selection.alias?.value ?? selection.name.value;
        const count = (counts.get(key) ?? 0) + 1;
        counts.set(key, count);
        if (count === max + 1) {
          context.reportError(tooComplex('duplicateFields', max, `Field "${key}" is repeated more than ${max} times in one selection.`, [selection]));
        }
      }
    },
  });
}

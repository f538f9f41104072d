import type { FieldNode } from 'graphql';
import { argumentValue } from './operation-document';

/**
 * The hospitals a root field's `hospitalIds` argument names, each once, in first-seen
 * order; undefined when the argument is absent or null (= every ACTIVE member). A single
 * id is a list of one, as GraphQL's list input coercion has it.
 */
export function requestedHospitalIds(field: FieldNode, variables: Record<string, unknown>): string[] | undefined {
  const value = argumentValue(field, 'hospitalIds', variables);
  if (value === undefined || value === null) return undefined;
  const ids = Array.isArray(value) ? value : [value];
  return [...new Set(ids.map(String))];
}

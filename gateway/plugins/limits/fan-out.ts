import { GraphQLError, Kind, OperationTypeNode, visit, type DocumentNode, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { BadUserInputError } from '../../../common/errors';
import { requestedHospitalIds } from '../../fanout/hospital-ids';
import type { MemberDirectory } from '../../registry/member';

/** What the limits need to know of the fan-out: which root fields go to members, and the members. */
export interface FanOut {
  /** Root query fields of the `hospitals` subgraph (from the hospital contract). */
  rootFields: ReadonlySet<string>;
  directory: MemberDirectory;
}

/**
 * How many members a root field is sent to (DESIGN 5: fan-out width counts toward the
 * cost): the distinct ACTIVE members in `hospitalIds`, else every ACTIVE member; at least
 * 1. Undefined for fields that are not fanned out.
 */
export function fanOutWidth(fanOut: FanOut, field: FieldNode, variables: Record<string, unknown>): number | undefined {
  if (!fanOut.rootFields.has(field.name.value)) return undefined;
  const ids = requestedHospitalIds(field, variables);
  const width = ids ? ids.filter((id) => fanOut.directory.find(id)).length : fanOut.directory.list().length;
  return Math.max(1, width);
}

/** The widths of an operation's fanned-out root fields, as a cache key of its cost. */
export function fanOutStamp(fanOut: FanOut, operation: OperationDefinitionNode | undefined, variables: Record<string, unknown>): string {
  if (!operation || operation.operation !== OperationTypeNode.QUERY) return '';
  const widths: number[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD) widths.push(fanOutWidth(fanOut, selection, variables) ?? 0);
    // fragments at the root: counted exactly by the cost rule, never cached by width
    else return 'per-request';
  }
  return widths.join(',');
}

/**
 * The fields of a document that can fan out with a `hospitalIds` argument, in document
 * order: a property of the document alone, found once per document so that each request
 * checks these fields without walking the document again.
 */
export function hospitalIdsFields(fanOut: Pick<FanOut, 'rootFields'>, document: DocumentNode): readonly FieldNode[] {
  const fields: FieldNode[] = [];
  visit(document, {
    Field(field) {
      if (fanOut.rootFields.has(field.name.value) && field.arguments?.some((a) => a.name.value === 'hospitalIds')) fields.push(field);
    },
  });
  return fields;
}

/**
 * `hospitalIds` names each hospital once and no more hospitals than the alliance has
 * ACTIVE members (DESIGN 5): a longer list can only name hospitals that are not members,
 * so it is refused as a whole (400 BAD_USER_INPUT) before any planning or member call.
 * `fields`: the document's `hospitalIdsFields`; the first field over the bound is refused.
 */
export function checkHospitalIdsBound(fanOut: FanOut, fields: readonly FieldNode[], variables: Record<string, unknown>): GraphQLError | undefined {
  const max = fanOut.directory.list().length;
  for (const field of fields) {
    const ids = requestedHospitalIds(field, variables);
    if (!ids || ids.length <= max) continue;
    const error = new BadUserInputError(`hospitalIds names ${ids.length} different hospitals; the alliance has ${max} active members.`, { argument: 'hospitalIds', max });
    return new GraphQLError(error.message, { nodes: [field], originalError: error, extensions: { code: error.code, http: { status: 400 } } });
  }
  return undefined;
}

/** A GraphQL error as a member returned it (JSON, not a GraphQLError instance). */
import type { MemberError } from '../transport/member-fetch';

export type { MemberError };

function tagged(error: MemberError, hospitalId: string, path: readonly (string | number)[] | undefined): MemberError {
  const out: MemberError = { message: error.message, extensions: { ...(error.extensions ?? {}), hospitalId: error.extensions?.hospitalId ?? hospitalId } };
  if (path) out.path = path;
  return out;
}

/**
 * `_entities` errors: index i within a member's batch becomes the representation's
 * original index, which the gateway then maps onto the response path. Errors that do not
 * name an entity keep no path (they still name the hospital).
 */
export function remapEntityError(error: MemberError, indexes: readonly number[], hospitalId: string): MemberError {
  const path = error.path;
  if (path && path[0] === '_entities' && typeof path[1] === 'number' && indexes[path[1]] !== undefined) {
    return tagged(error, hospitalId, ['_entities', indexes[path[1]], ...path.slice(2)]);
  }
  return tagged(error, hospitalId, undefined);
}

/**
 * Broadcast list errors: `[field, i, …]` from one member becomes `[field, merged index, …]`;
 * an item cut by `first` leaves the error on the field itself.
 */
export function remapListError(error: MemberError, positions: ReadonlyMap<string, readonly (number | undefined)[]>, hospitalId: string): MemberError {
  const path = error.path;
  if (!path || path.length < 2 || typeof path[0] !== 'string' || typeof path[1] !== 'number') return tagged(error, hospitalId, path);
  const merged = positions.get(path[0])?.[path[1]];
  return tagged(error, hospitalId, merged === undefined ? [path[0]] : [path[0], merged, ...path.slice(2)]);
}

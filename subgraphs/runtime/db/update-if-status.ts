import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * A state change that callers may race for (cancel, accept, complete): the UPDATE itself
 * checks the status it starts from, so of concurrent callers that all read the old status
 * exactly one changes the row (MySQL re-checks the condition after waiting on the row
 * lock) and the others learn from the affected-row count that they lost.
 */
export async function updateIfStatus<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  id: string,
  fromStatus: string,
  changes: QueryDeepPartialEntity<E>,
): Promise<boolean> {
  const result = await manager.update(entity, { id, status: fromStatus }, changes);
  return result.affected !== 0;
}

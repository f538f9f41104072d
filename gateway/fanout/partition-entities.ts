import type { ContractFacts } from '../../common/contract/contract-facts';
import type { Member, MemberDirectory } from '../registry/member';

/** A representation as the query planner sends it in `$representations`. */
export type Representation = { __typename: string } & Record<string, unknown>;

export interface EntityBatch {
  member: Member;
  /** Position of each representation in the original `$representations`. */
  indexes: number[];
  representations: Representation[];
}

export interface UnknownEntities {
  hospitalId: string;
  indexes: number[];
}

export interface EntityPartition {
  batches: EntityBatch[];
  /** Representations of hospitals that are not ACTIVE members: no request, null + MEMBER_UNKNOWN. */
  unknown: UnknownEntities[];
}

/**
 * The member that owns an entity: the key field its type names with `@hospitalFrom` in
 * the contract (`id` for Hospital, `hospitalId` for the others). A type the contract
 * gives no owner has none: no member is asked.
 */
export function owningHospital(representation: Representation, facts: ContractFacts): string | undefined {
  const path = facts.hospitalPath(representation.__typename);
  let value: unknown = representation;
  for (const step of path ?? []) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
  return path && typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Splits `_entities` representations into one batch per holding member, keeping each
 * one's original index so that the answers can be put back in order.
 */
export function partitionEntities(representations: readonly Representation[], directory: MemberDirectory, facts: ContractFacts): EntityPartition {
  const batches = new Map<string, EntityBatch>();
  const unknown = new Map<string, UnknownEntities>();
  representations.forEach((representation, index) => {
    const hospitalId = owningHospital(representation, facts) ?? '';
    const member = hospitalId ? directory.find(hospitalId) : undefined;
    if (!member) {
      const entry = unknown.get(hospitalId) ?? { hospitalId, indexes: [] };
      entry.indexes.push(index);
      unknown.set(hospitalId, entry);
      return;
    }
    const batch = batches.get(hospitalId) ?? { member, indexes: [], representations: [] };
    batch.indexes.push(index);
    batch.representations.push(representation);
    batches.set(hospitalId, batch);
  });
  return { batches: [...batches.values()], unknown: [...unknown.values()] };
}

/**
 * Puts each batch's answers back at their original positions: exactly one entry per
 * representation, null where a member failed, was unknown or answered short.
 */
export function reassembleEntities(total: number, answered: { indexes: readonly number[]; entities: readonly unknown[] | null }[]): unknown[] {
  const out: unknown[] = new Array(total).fill(null);
  for (const { indexes, entities } of answered) {
    if (!entities) continue;
    indexes.forEach((original, i) => {
      out[original] = entities[i] ?? null;
    });
  }
  return out;
}

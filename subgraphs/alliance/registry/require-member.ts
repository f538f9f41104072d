import type { EntityManager } from 'typeorm';
import { MemberUnknownError } from '../../../common/errors';
import { HospitalEntity } from './hospital.entity';
import { MembershipStatus } from './registry-enums';

/** How a check finds a hospital: the request's loader, or a transaction's manager for writes. */
export type FindHospital = (id: string) => Promise<HospitalEntity | null>;

export function findInTransaction(manager: EntityManager): FindHospital {
  return (id) => manager.findOneBy(HospitalEntity, { id });
}

/**
 * DESIGN 5: an argument naming a hospital that is not an ACTIVE member is MEMBER_UNKNOWN,
 * never a computed answer (`recognition(atHospitalId: "dh-leed")` must not answer a status).
 */
export async function requireActiveMember(find: FindHospital, id: string, argument: string): Promise<HospitalEntity> {
  const hospital = id.length <= 64 ? await find(id) : null;
  if (!hospital || hospital.status !== MembershipStatus.ACTIVE) throw new MemberUnknownError(id, { argument });
  return hospital;
}

/**
 * A filter may name a member of any status (the history of a suspended or departed
 * member stays readable), but never a hospital the registry does not know: a typo in a
 * filter must not answer "nothing happened there".
 */
export async function requireRegisteredHospital(find: FindHospital, id: string | null | undefined, argument: string): Promise<void> {
  if (id === null || id === undefined) return;
  const hospital = id.length <= 64 ? await find(id) : null;
  if (!hospital) throw new MemberUnknownError(id, { argument });
}

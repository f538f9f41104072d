import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../common/errors';
import { ReferralEntity } from '../referral/referral.entity';
import { MpiPatientEntity } from './mpi-patient.entity';
import { MpiRecordEntity } from './mpi-record.entity';

/** Two entries of one person may not carry two different national ids: that is two people. */
export function mergeRefusal(survivorHashes: ReadonlySet<string>, mergedHashes: ReadonlySet<string>): string | null {
  if (survivorHashes.size === 0 || mergedHashes.size === 0) return null;
  for (const hash of mergedHashes) if (!survivorHashes.has(hash)) return 'The two entries carry different national ids; unlink the wrong chart instead of merging.';
  return null;
}

async function livePerson(manager: EntityManager, mpiId: string, argument: string): Promise<MpiPatientEntity> {
  const person = await manager.findOneBy(MpiPatientEntity, { mpiId });
  if (!person) throw new NotFoundError('Patient', { argument });
  if (person.mergedInto) throw new ConflictError(`This entry was already merged into another; merge into ${person.mergedInto} instead.`, { argument });
  return person;
}

const hashesOf = (records: MpiRecordEntity[]) => new Set(records.map((r) => r.nationalIdHash).filter((h): h is string => !!h));

/**
 * ADMIN (DESIGN 3.2): one person entered twice becomes one. Every chart and referral of
 * the merged entry moves to the survivor; the merged entry stays, marked `mergedInto`, so
 * `patient(mpiId:)` with its id answers the survivor. Entries merged into it earlier
 * point at the survivor too, so a redirect is always one step.
 */
export async function mergePatients(manager: EntityManager, survivorMpiId: string, mergedMpiId: string): Promise<{ mpiId: string }> {
  if (survivorMpiId === mergedMpiId) throw new BadUserInputError('survivorMpiId and mergedMpiId name the same person.', { argument: 'mergedMpiId' });
  await livePerson(manager, survivorMpiId, 'survivorMpiId');
  await livePerson(manager, mergedMpiId, 'mergedMpiId');
  const survivorRecords = await manager.findBy(MpiRecordEntity, { mpiId: survivorMpiId });
  const mergedRecords = await manager.findBy(MpiRecordEntity, { mpiId: mergedMpiId });
  const refusal = mergeRefusal(hashesOf(survivorRecords), hashesOf(mergedRecords));
  if (refusal) throw new ConflictError(refusal, { argument: 'mergedMpiId' });
  await manager.update(MpiRecordEntity, { mpiId: mergedMpiId }, { mpiId: survivorMpiId });
  await manager.update(ReferralEntity, { patientMpiId: mergedMpiId }, { patientMpiId: survivorMpiId });
  await manager.update(MpiPatientEntity, { mergedInto: mergedMpiId }, { mergedInto: survivorMpiId });
  await manager.update(MpiPatientEntity, { mpiId: mergedMpiId }, { mergedInto: survivorMpiId });
  return { mpiId: survivorMpiId };
}

/**
 * ADMIN (DESIGN 3.2): removes one chart's link, e.g. a chart linked to the wrong person.
 * The person stays (with its other charts, or none); the member's next link of that chart
 * finds its person again.
 */
export async function unlinkPatientRecord(manager: EntityManager, hospitalId: string, mrn: string): Promise<{ mpiId: string }> {
  const record = await manager.findOneBy(MpiRecordEntity, { hospitalId, mrn });
  if (!record) throw new NotFoundError('Patient record link', { argument: 'mrn' });
  await manager.delete(MpiRecordEntity, { hospitalId, mrn });
  return { mpiId: record.mpiId };
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError } from '../../../common/errors';
import { checkNationalId } from '../../runtime/identity/national-id';
import { runIdempotent } from '../../runtime/idempotency/run-idempotent';
import { matchPatient, type PatientMatch } from './match-patient';
import { MpiPatientEntity } from './mpi-patient.entity';
import { MpiRecordEntity } from './mpi-record.entity';
import { hashNationalId, nationalIdSalt } from './national-id-hash';
import type { LinkPatientRecordInput } from './patient-link.type';

export interface LinkResult {
  mpiId: string;
  matchedBy: PatientMatch;
}

const MRN = /^[A-Za-z0-9._-]{1,64}$/;

/** Plain checks of the input before anything is read; messages never repeat the values. */
export function validateLinkInput(input: LinkPatientRecordInput, today = new Date().toISOString().slice(0, 10)): { nationalId: string | null } {
  if (input.birthDate > today || input.birthDate < '1800-01-01') throw new BadUserInputError('birthDate must be a past date.', { argument: 'input.birthDate' });
  if (!MRN.test(input.mrn)) throw new BadUserInputError('mrn must be 1–64 letters, digits, ".", "_" or "-".', { argument: 'input.mrn' });
  if (!input.name.trim() || input.name.length > 100) throw new BadUserInputError('name must be 1–100 characters.', { argument: 'input.name' });
  if (input.nationalId === null || input.nationalId === undefined || input.nationalId.trim() === '') return { nationalId: null };
  const verdict = checkNationalId(input.nationalId);
  if (!verdict.valid) throw new BadUserInputError(verdict.reason, { argument: 'input.nationalId' });
  return { nationalId: verdict.nationalId };
}

export function newMpiId(): string {
  return `MPI-${randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase()}`;
}

/**
 * Links one chart (DESIGN 3.2): same national id → that person, none → a new person, the
 * same chart again → ALREADY_LINKED. Idempotent by key too: the key's record keeps the
 * first answer as `<mpiId> <match>`. The national id is hashed before it is compared or
 * stored; the idempotency record keeps only a hash of the whole input.
 */
export async function linkPatientRecord(manager: EntityManager, input: LinkPatientRecordInput): Promise<LinkResult> {
  const { nationalId } = validateLinkInput(input);
  const { idempotencyKey, ...request } = input;
  const nationalIdHash = nationalId ? hashNationalId(await nationalIdSalt(manager), nationalId) : null;
  return runIdempotent(
    manager,
    // the idempotency record keeps a plain hash of the input: it gets the salted one of the national id
    { operation: 'linkPatientRecord', key: idempotencyKey, input: { ...request, nationalId: nationalIdHash } },
    async () => {
      const existing = await manager.findOneBy(MpiRecordEntity, { hospitalId: input.hospitalId, mrn: input.mrn });
      const holder = nationalIdHash ? await manager.findOneBy(MpiRecordEntity, { nationalIdHash }) : null;
      const decision = matchPatient({
        existingLink: existing ? { mpiId: existing.mpiId, nationalIdHash: existing.nationalIdHash ?? null } : null,
        nationalIdHash,
        personWithNationalId: holder?.mpiId ?? null,
      });
      if ('refused' in decision) throw new ConflictError(decision.refused, { argument: 'input.nationalId' });
      if (decision.match === 'ALREADY_LINKED') {
        if (decision.recordNationalId) await manager.update(MpiRecordEntity, { hospitalId: input.hospitalId, mrn: input.mrn }, { nationalIdHash });
        return `${decision.mpiId} ALREADY_LINKED`;
      }
      let mpiId: string;
      if (decision.match === 'NATIONAL_ID') mpiId = decision.mpiId;
      else {
        mpiId = newMpiId();
        await manager.insert(MpiPatientEntity, { mpiId, createdAt: new Date(), mergedInto: null });
      }
      await manager.insert(MpiRecordEntity, { hospitalId: input.hospitalId, mrn: input.mrn, mpiId, nationalIdHash });
      return `${mpiId} ${decision.match}`;
    },
    async (stored) => {
      const [mpiId, matchedBy] = stored.split(' ');
      return { mpiId, matchedBy: matchedBy as PatientMatch };
    },
  );
}

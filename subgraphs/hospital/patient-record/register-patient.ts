import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError } from '../../../common/errors';
import { withAuditChain, type AuditFields } from '../../runtime/audit/audit-chain';
import { patientRef } from '../../runtime/audit/audit-recorder';
import { checkNationalId } from '../../runtime/identity/national-id';
import { runIdempotent } from '../../runtime/idempotency/run-idempotent';
import { isUniqueViolation } from '../../runtime/db/unique-violation';
import { enqueueLink } from '../identity-feed/enqueue-link';
import { PatientRecordEntity } from './patient-record.entity';
import type { RegisterPatientInput } from './register-patient.type';

const MRN = /^[A-Za-z0-9._-]{1,64}$/;

export interface RegistrationFacts {
  mrn: string | null;
  name: string;
  nationalId: string | null;
}

/** Plain checks of a registration; messages never repeat the values. */
export function validateRegistration(
  input: Pick<RegisterPatientInput, 'mrn' | 'name' | 'nationalId' | 'birthDate'>,
  today = new Date().toISOString().slice(0, 10),
): RegistrationFacts {
  // Date has checked the form; a chart for someone not yet born is a typing error
  if (input.birthDate > today || input.birthDate < '1800-01-01') throw new BadUserInputError('birthDate must be a past date.', { argument: 'input.birthDate' });
  const name = input.name.trim();
  if (!name || name.length > 100) throw new BadUserInputError('name must be 1–100 characters.', { argument: 'input.name' });
  const mrn = input.mrn?.trim() || null;
  if (mrn !== null && !MRN.test(mrn)) throw new BadUserInputError('mrn must be 1–64 letters, digits, ".", "_" or "-".', { argument: 'input.mrn' });
  let nationalId: string | null = null;
  if (input.nationalId?.trim()) {
    const verdict = checkNationalId(input.nationalId);
    if (!verdict.valid) throw new BadUserInputError(verdict.reason, { argument: 'input.nationalId' });
    nationalId = verdict.nationalId;
  }
  return { mrn, name, nationalId };
}

/** A chart number this member assigns: its prefix, then random characters (unique-checked on insert). */
export function assignMrn(hospitalId: string): string {
  const prefix = hospitalId
    .replace(/^dh-/, '')
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 6)
    .toUpperCase();
  return `${prefix}-R${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}

/** The request's side of the audit row: who asked, and which operation (never variables). */
export type RegistrationAudit = Pick<AuditFields, 'requestId' | 'subject' | 'role' | 'callerHospitalId' | 'purpose' | 'operationName' | 'operationHash'>;

const chartExists = () => new ConflictError('A chart with this mrn already exists at this hospital.', { argument: 'input.mrn' });

/**
 * Opens a chart (DESIGN 3.1, contract 1.1) and queues its link to the alliance's index in
 * one transaction with the audit row of the write (DESIGN 5): the chart never exists
 * without its pending link or unaudited. Idempotent by key (a replay is audited too, it
 * releases the chart); the same mrn under another key is CONFLICT.
 */
export async function registerPatient(dataSource: DataSource, hospitalId: string, input: RegisterPatientInput, audit: RegistrationAudit): Promise<PatientRecordEntity> {
  if (input.hospitalId !== hospitalId) throw new BadUserInputError('input.hospitalId must name this hospital.', { argument: 'input.hospitalId' });
  const facts = validateRegistration(input);
  const { idempotencyKey, ...request } = input;
  const attempt = () =>
    withAuditChain(dataSource, async (manager: EntityManager, append) => {
      const chart = await runIdempotent(
        manager,
        { operation: 'registerPatient', key: idempotencyKey, input: request },
        async () => {
          const mrn = facts.mrn ?? assignMrn(hospitalId);
          if (await manager.findOneBy(PatientRecordEntity, { mrn })) throw chartExists();
          await manager.insert(PatientRecordEntity, { mrn, name: facts.name, sex: input.sex, birthDate: input.birthDate, nationalId: facts.nationalId });
          await enqueueLink(manager, { mrn, name: facts.name, birthDate: input.birthDate, sex: input.sex, nationalId: facts.nationalId });
          return mrn;
        },
        (mrn) => manager.findOneByOrFail(PatientRecordEntity, { mrn }),
      );
      await append({ ...audit, at: new Date(), servedBy: hospitalId, action: 'WRITE', patientRefs: JSON.stringify([patientRef(hospitalId, chart.mrn)]), outcome: 'OK' });
      return chart;
    });
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // On MySQL two retries of one registration can run at the same moment: the loser's
  // transaction hit the winner's key and rolled back. Once more, it finds the first answer
  // (same key) or the existing chart (CONFLICT).
  try {
    return await attempt();
  } catch (error) {
    if (isUniqueViolation(error)) throw chartExists();
    throw error;
  }
}

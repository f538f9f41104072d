import type { HospitalContext } from '../context';
import type { PatientRecordEntity } from './patient-record.entity';

export async function resolvePatientRecordReference(reference: { hospitalId: string; mrn: string }, ctx: HospitalContext): Promise<PatientRecordEntity | null> {
  if (reference.hospitalId !== ctx.hospitalId) return null;
  return ctx.loaders.patientByMrn.load(String(reference.mrn));
}

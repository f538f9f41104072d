import { GENDER, MPI_SYSTEM, mrnSystem } from '../../common/fhir/fhir-systems';
import type { Patient } from './fhir-r4';
import type { PatientRecordRow } from './graphql-shapes';

/**
 * One person of the master patient index as an R4 Patient: the MPI id plus one
 * identifier per chart (the chart's hospital as assigner). Demographics come from the
 * first chart that has them; charts the caller could not read add only their identifier.
 */
export function toPatient(mpiId: string, records: readonly PatientRecordRow[]): Patient {
  const patient: Patient = {
    resourceType: 'Patient',
    id: mpiId,
    identifier: [
      { use: 'official', system: MPI_SYSTEM, value: mpiId },
      ...records.map((r) => ({ use: 'usual' as const, system: mrnSystem(r.hospitalId), value: r.mrn, assigner: { display: r.hospitalId } })),
    ],
  };
  const name = records.find((r) => r.name)?.name;
  if (name) patient.name = [{ text: name }];
  const sex = records.find((r) => r.sex)?.sex;
  if (sex) patient.gender = GENDER[sex];
  const birthDate = records.find((r) => r.birthDate)?.birthDate;
  if (birthDate) patient.birthDate = birthDate;
  return patient;
}

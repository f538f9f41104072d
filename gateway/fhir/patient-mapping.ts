import { GENDER, MPI_SYSTEM, mrnSystem } from '../../common/fhir/fhir-systems';
import type { Patient } from './fhir-r4';
import type { PatientRecordRow } from './graphql-shapes';
import { r4Address, r4ContactPoint, r4Identifier, r4Name, sameIdentifier } from './kept-to-r4';

/**
 * One person of the master patient index as an R4 Patient: the MPI id plus one
 * identifier per chart (the chart's hospital as assigner). Demographics come from the
 * first chart that has them; charts the caller could not read add only their identifier.
 * Names, telecom and addresses a chart kept from its source (contract 1.2) are written as
 * given, with every identifier the charts kept (the national id's among them).
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
  for (const kept of records.flatMap((r) => r.identifiers ?? []).map(r4Identifier)) {
    if (!patient.identifier!.some((i) => sameIdentifier(i, kept))) patient.identifier!.push(kept);
  }
  const names = records.find((r) => r.names?.length)?.names;
  const name = records.find((r) => r.name)?.name;
  if (names) patient.name = names.map(r4Name);
  else if (name) patient.name = [{ text: name }];
  const telecom = records.find((r) => r.telecom?.length)?.telecom;
  if (telecom) patient.telecom = telecom.map(r4ContactPoint);
  const addresses = records.find((r) => r.addresses?.length)?.addresses;
  if (addresses) patient.address = addresses.map(r4Address);
  const sex = records.find((r) => r.sex)?.sex;
  if (sex) patient.gender = GENDER[sex];
  const birthDate = records.find((r) => r.birthDate)?.birthDate;
  if (birthDate) patient.birthDate = birthDate;
  return patient;
}

import { InitialHospitalSchema1764200000000 } from './1764200000000-initial-hospital-schema';
import { HospitalAuditEntry1764400000000 } from './1764400000000-hospital-audit-entry';
import { HospitalWitnessedAuditHeads1764900000000 } from './1764900000000-hospital-witnessed-audit-heads';
import { PatientLinkOutbox1765100000000 } from './1765100000000-patient-link-outbox';
import { KeptFhirElements1765400000000 } from './1765400000000-kept-fhir-elements';

/** MySQL/MariaDB migrations of a hospital database, oldest first. */
export const HOSPITAL_MIGRATIONS = [
  InitialHospitalSchema1764200000000,
  HospitalAuditEntry1764400000000,
  HospitalWitnessedAuditHeads1764900000000,
  PatientLinkOutbox1765100000000,
  KeptFhirElements1765400000000,
];

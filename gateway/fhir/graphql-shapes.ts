/** What the FHIR API reads from the gateway's GraphQL answers (DESIGN 3 names). */
export interface LabResultRow {
  hospitalId: string;
  id: string;
  loinc: string;
  name: string;
  valueQuantity: number | null;
  valueString: string | null;
  unit: string | null;
  referenceRange: { low: number | null; high: number | null; text: string | null } | null;
  interpretation: 'NORMAL' | 'LOW' | 'HIGH' | 'CRITICAL_LOW' | 'CRITICAL_HIGH' | 'ABNORMAL' | null;
  status: 'REGISTERED' | 'PRELIMINARY' | 'FINAL' | 'AMENDED' | 'CANCELLED';
  specimen: string | null;
  collectedAt: string;
  reportedAt: string | null;
}

export interface PatientRecordRow {
  hospitalId: string;
  mrn: string;
  name?: string | null;
  sex?: 'MALE' | 'FEMALE' | 'OTHER' | 'UNKNOWN' | null;
  birthDate?: string | null;
  labResults?: LabResultRow[] | null;
}

export interface HospitalRow {
  id: string;
  name: string;
}

/**
 * Results per chart in one search: the gateway's cost limit counts every chart's list
 * `first` times, and 100 is the contract's default page. A chart that fills it is
 * reported in an OperationOutcome entry instead of being cut silently.
 */
export const RESULTS_PER_CHART = 100;

const LAB_RESULT_FIELDS = `hospitalId id loinc name valueQuantity valueString unit referenceRange { low high text } interpretation status specimen collectedAt reportedAt`;

/** One request: the directory (performer names) and every chart's results. */
export const OBSERVATIONS_QUERY = `query FhirObservationSearch($mpiId: ID!, $loinc: [String!], $since: DateTime, $perChart: Int!) {
  hospitals { id name }
  patient(mpiId: $mpiId) { mpiId records { hospitalId mrn labResults(loinc: $loinc, since: $since, first: $perChart) { ${LAB_RESULT_FIELDS} } } }
}`;

/** `Patient?identifier=<chart number system>|<mrn>`: which person holds that chart. */
export const PATIENT_BY_CHART_QUERY = `query FhirPatientByChart($hospitalId: ID!, $mrn: String!) {
  patientByIdentifier(hospitalId: $hospitalId, mrn: $mrn) { mpiId }
}`;

export const PATIENT_QUERY = `query FhirPatientRead($mpiId: ID!) {
  hospitals { id name }
  patient(mpiId: $mpiId) { mpiId records { hospitalId mrn name sex birthDate } }
}`;

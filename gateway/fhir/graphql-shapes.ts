import type { KeptAddress, KeptConcept, KeptContactPoint, KeptHumanName, KeptIdentifier, KeptNote, KeptPerformer } from '../../common/fhir/kept-elements';

/** A reference range as the contract serves it (1.2 adds unit, type and population). */
export interface ReferenceRangeRow {
  low: number | null;
  high: number | null;
  text: string | null;
  unit?: string | null;
  type?: KeptConcept | null;
  appliesTo?: KeptConcept[] | null;
}

/** What the FHIR API reads from the gateway's GraphQL answers (DESIGN 3 names). */
export interface LabResultRow {
  hospitalId: string;
  id: string;
  loinc: string;
  name: string;
  valueQuantity: number | null;
  valueString: string | null;
  unit: string | null;
  referenceRange: ReferenceRangeRow | null;
  interpretation: 'NORMAL' | 'LOW' | 'HIGH' | 'CRITICAL_LOW' | 'CRITICAL_HIGH' | 'ABNORMAL' | null;
  status: 'REGISTERED' | 'PRELIMINARY' | 'FINAL' | 'AMENDED' | 'CANCELLED';
  specimen: string | null;
  collectedAt: string;
  reportedAt: string | null;
  // contract 1.2: what an imported result's source said, as given
  identifiers?: KeptIdentifier[] | null;
  code?: KeptConcept | null;
  fhirStatus?: string | null;
  performers?: KeptPerformer[] | null;
  referenceRanges?: ReferenceRangeRow[] | null;
  method?: KeptConcept | null;
  notes?: KeptNote[] | null;
}

export interface PatientRecordRow {
  hospitalId: string;
  mrn: string;
  name?: string | null;
  sex?: 'MALE' | 'FEMALE' | 'OTHER' | 'UNKNOWN' | null;
  birthDate?: string | null;
  names?: KeptHumanName[] | null;
  telecom?: KeptContactPoint[] | null;
  addresses?: KeptAddress[] | null;
  identifiers?: KeptIdentifier[] | null;
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

const CONCEPT = `coding { system code display } text`;
const IDENTIFIER = `use type { ${CONCEPT} } system value`;
const RANGE = `low high text unit type { ${CONCEPT} } appliesTo { ${CONCEPT} }`;
/** The contract 1.2 fields: what a result's source said, written back out as given. */
const KEPT_RESULT_FIELDS = `identifiers { ${IDENTIFIER} } code { ${CONCEPT} } fhirStatus method { ${CONCEPT} } notes { text time authorString }
  performers { reference type display identifier { ${IDENTIFIER} } organization { id name identifier { ${IDENTIFIER} } } } referenceRanges { ${RANGE} }`;
const LAB_RESULT_FIELDS = `hospitalId id loinc name valueQuantity valueString unit referenceRange { low high text } interpretation status specimen collectedAt reportedAt ${KEPT_RESULT_FIELDS}`;
const KEPT_CHART_FIELDS = `names { use text family given prefix suffix } telecom { system value use rank }
  addresses { use type text line city district state postalCode country } identifiers { ${IDENTIFIER} }`;

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
  patient(mpiId: $mpiId) { mpiId records { hospitalId mrn name sex birthDate ${KEPT_CHART_FIELDS} } }
}`;

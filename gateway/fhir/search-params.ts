import { fhirError } from './operation-outcome';

const MPI_ID = /^[A-Za-z0-9.-]{1,64}$/;
const LOINC_CODE = /^\d{1,7}-\d$/;
/** Parameters every FHIR server accepts and this one ignores (the answer is always JSON). */
const IGNORED = new Set(['_format', '_pretty']);

export interface ObservationSearch {
  mpiId: string;
  loinc?: string[];
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw fhirError(400, 'invalid', `Give "${name}" once.`);
  return value;
}

/** `Patient/<id>` or `<id>`: the master patient index id. */
export function parsePatientReference(value: string): string {
  const id = value.startsWith('Patient/') ? value.slice('Patient/'.length) : value;
  if (!MPI_ID.test(id)) throw fhirError(400, 'value', 'The patient id is not a valid FHIR id.');
  return id;
}

/** `code=<loinc>[,<loinc>…]`, each optionally `http://loinc.org|<loinc>`; other systems are refused, not ignored. */
export function parseCodes(value: string): string[] {
  return value.split(',').map((token) => {
    const [system, code] = token.includes('|') ? token.split('|', 2) : ['http://loinc.org', token];
    if (system !== 'http://loinc.org' && system !== '') throw fhirError(400, 'not-supported', 'Only LOINC codes (http://loinc.org) are searchable.');
    if (!LOINC_CODE.test(code)) throw fhirError(400, 'code-invalid', `"${code}" is not a LOINC code.`);
    return code;
  });
}

/** `GET Observation?patient=…[&code=…]`: patient is required, unknown parameters are an error (not silently dropped). */
export function parseObservationSearch(query: Record<string, unknown>): ObservationSearch {
  for (const name of Object.keys(query)) {
    if (name !== 'patient' && name !== 'subject' && name !== 'code' && !IGNORED.has(name)) throw fhirError(400, 'not-supported', `Search parameter "${name}" is not supported.`);
  }
  const patient = single(query, 'patient') ?? single(query, 'subject');
  if (!patient) throw fhirError(400, 'required', 'Search by patient: Observation?patient=<mpiId>.');
  const code = single(query, 'code');
  return { mpiId: parsePatientReference(patient), ...(code ? { loinc: parseCodes(code) } : {}) };
}

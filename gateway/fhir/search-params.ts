import { LOINC_SYSTEM, OBSERVATION_CATEGORY_SYSTEM } from '../../common/fhir/fhir-systems';
import { fhirError } from './operation-outcome';

const MPI_ID = /^[A-Za-z0-9.-]{1,64}$/;
const LOINC_CODE = /^\d{1,7}-\d$/;
/** Parameters every FHIR server accepts; `_format` is checked (JSON only), `_pretty` ignored. */
const GENERAL = new Set(['_format', '_pretty']);

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** One `date` bound, already turned into an instant range test (FHIR's prefix semantics on the value's precision). */
export interface DateBound {
  prefix: 'eq' | 'ge' | 'le' | 'gt' | 'lt';
  /** Start (inclusive) and end (exclusive) of the period the value denotes at its precision. */
  start: number;
  end: number;
}

export interface ObservationSearch {
  mpiId: string;
  /** Every entry must match (repeated `code`); within one entry any LOINC code may (comma). */
  codes: string[][];
  /** `category` other than laboratory matches nothing here: every result is a lab result. */
  laboratoryOnly: boolean | 'none';
  dates: DateBound[];
  sort: 'date' | '-date';
  count: number;
  offset: number;
}

function values(query: Record<string, unknown>, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v): v is string => typeof v === 'string')) throw fhirError(400, 'invalid', `"${name}" must be a plain value.`);
  return list;
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const list = values(query, name);
  if (list.length > 1) throw fhirError(400, 'invalid', `Give "${name}" once.`);
  return list[0];
}

function integer(query: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const raw = single(query, name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < min || Number(raw) > max) throw fhirError(400, 'value', `"${name}" must be a whole number from ${min} to ${max}.`);
  return Number(raw);
}

/** `_format`: this server speaks JSON only; XML asked → 406 (the router checks Accept too). */
export function checkFormat(query: Record<string, unknown>): void {
  const format = single(query, '_format');
  if (format !== undefined && !/^(json|application\/(fhir\+)?json)$/i.test(format)) throw fhirError(406, 'not-supported', 'This server answers application/fhir+json only.');
}

function refuseUnknown(query: Record<string, unknown>, known: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!known.includes(name) && !GENERAL.has(name)) throw fhirError(400, 'not-supported', `Search parameter "${name}" is not supported.`);
  }
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
    const [system, code] = token.includes('|') ? token.split('|', 2) : [LOINC_SYSTEM, token];
    if (system !== LOINC_SYSTEM && system !== '') throw fhirError(400, 'not-supported', 'Only LOINC codes (http://loinc.org) are searchable.');
    if (!LOINC_CODE.test(code)) throw fhirError(400, 'code-invalid', `"${code}" is not a LOINC code.`);
    return code;
  });
}

/** `category=laboratory` (any system or the observation-category one); another category matches nothing. */
function parseCategory(list: string[]): boolean | 'none' {
  if (list.length === 0) return false;
  for (const value of list) {
    const matches = value.split(',').some((token) => {
      const [system, code] = token.includes('|') ? token.split('|', 2) : ['', token];
      return code === 'laboratory' && (system === '' || system === OBSERVATION_CATEGORY_SYSTEM);
    });
    if (!matches) return 'none';
  }
  return true;
}

const DATE_VALUE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** `date=[eq|ge|le|gt|lt]<date or dateTime>`: the value's precision sets the period it names. */
export function parseDate(raw: string): DateBound {
  const match = /^(eq|ge|le|gt|lt)?(.*)$/.exec(raw)!;
  const prefix = (match[1] ?? 'eq') as DateBound['prefix'];
  const parts = DATE_VALUE.exec(match[2]);
  if (!parts) throw fhirError(400, 'value', `"${raw}" is not a FHIR date: use YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with a time zone, after eq, ge, le, gt or lt.`);
  const [, y, m, d, hh, _mm, ss] = parts;
  let start: number;
  let end: number;
  if (hh !== undefined) {
    start = Date.parse(match[2]);
    end = start + (ss !== undefined ? 1000 : 60_000);
  } else {
    // a date without a time names whole days in UTC
    start = Date.UTC(Number(y), m ? Number(m) - 1 : 0, d ? Number(d) : 1);
    end = d ? start + 86_400_000 : m ? Date.UTC(Number(y), Number(m), 1) : Date.UTC(Number(y) + 1, 0, 1);
  }
  if (Number.isNaN(start)) throw fhirError(400, 'value', `"${raw}" is not a valid date.`);
  return { prefix, start, end };
}

/** Whether an instant falls in the bound, as FHIR defines each prefix against the value's period. */
export function dateMatches(bound: DateBound, at: number): boolean {
  switch (bound.prefix) {
    case 'eq':
      return at >= bound.start && at < bound.end;
    case 'ge':
      return at >= bound.start;
    case 'gt':
      return at >= bound.end;
    case 'le':
      return at < bound.end;
    case 'lt':
      return at < bound.start;
  }
}

/**
 * `GET Observation?patient=…` with `code`, `category`, `date`, `_sort`, `_count`, `_offset`.
 * Patient is required; unknown parameters are an error (not silently dropped).
 */
export function parseObservationSearch(query: Record<string, unknown>): ObservationSearch {
  refuseUnknown(query, ['patient', 'subject', 'code', 'category', 'date', '_sort', '_count', '_offset']);
  checkFormat(query);
  const patient = single(query, 'patient') ?? single(query, 'subject');
  if (!patient) throw fhirError(400, 'required', 'Search by patient: Observation?patient=<mpiId>.');
  const sort = single(query, '_sort') ?? '-date';
  if (sort !== 'date' && sort !== '-date') throw fhirError(400, 'not-supported', 'Sort by "date" or "-date" (newest first, the default).');
  return {
    mpiId: parsePatientReference(patient),
    codes: values(query, 'code').map(parseCodes),
    laboratoryOnly: parseCategory(values(query, 'category')),
    dates: values(query, 'date').map(parseDate),
    sort,
    count: integer(query, '_count', DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE),
    offset: integer(query, '_offset', 0, 0, 100_000),
  };
}

export type PatientSearch = { kind: 'mpi'; mpiId: string } | { kind: 'chart'; hospitalId: string; mrn: string };

/**
 * `GET Patient?identifier=<system>|<value>` (or `_id=<mpiId>`): the alliance's MPI id, or one
 * hospital's chart number (`urn:medalliance:hospital:<id>:mrn`). A value without a system
 * would be a guess across hospitals, so it is refused.
 */
export function parsePatientSearch(query: Record<string, unknown>, systems: { mpi: string; hospitalOfMrnSystem(system: string): string | undefined }): PatientSearch {
  refuseUnknown(query, ['identifier', '_id']);
  checkFormat(query);
  const id = single(query, '_id');
  const identifier = single(query, 'identifier');
  if ((id === undefined) === (identifier === undefined)) throw fhirError(400, 'required', 'Search Patient by identifier=<system>|<value> or by _id=<mpiId>.');
  if (id !== undefined) return { kind: 'mpi', mpiId: parsePatientReference(id) };
  const bar = identifier!.indexOf('|');
  if (bar <= 0) throw fhirError(400, 'value', 'Give the identifier with its system: identifier=<system>|<value>.');
  const system = identifier!.slice(0, bar);
  const value = identifier!.slice(bar + 1);
  if (!value || value.length > 64) throw fhirError(400, 'value', 'The identifier value is missing or too long.');
  if (system === systems.mpi) return { kind: 'mpi', mpiId: parsePatientReference(value) };
  const hospitalId = systems.hospitalOfMrnSystem(system);
  if (!hospitalId) throw fhirError(400, 'not-supported', `Identifier system "${system}" is not searchable here: use ${systems.mpi} or a hospital's chart-number system.`);
  return { kind: 'chart', hospitalId, mrn: value };
}

import { GENDER, IDENTIFIER_TYPE_SYSTEM, MPI_SYSTEM, mrnSystem } from '../../../common/fhir/fhir-systems';
import { checkNationalId } from '../../runtime/identity/national-id';
import type { SexCode } from '../patient-record/patient-record.entity';
import { reject, type ChartRow, type ImportOptions } from './import-types';
import { asArray, asObject, findBySystem, lookupCode, quoted, type JsonObject } from './json-shape';
import { address, contactPoint, fitting, humanName, identifier, listOrNull } from './read-kept';

const SEX_BY_GENDER = Object.fromEntries(Object.entries(GENDER).map(([sex, gender]) => [gender, sex])) as Record<string, SexCode>;
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MRN = /^[A-Za-z0-9._-]{1,64}$/;

/** Whether an identifier is typed (Identifier.type) with this v2-0203 code. */
export function isTyped(identifier: unknown, code: 'NI' | 'MR'): boolean {
  const codings = asArray(asObject(asObject(identifier)?.type)?.coding).map(asObject);
  return codings.some((c) => c?.system === IDENTIFIER_TYPE_SYSTEM && c.code === code);
}

/**
 * This hospital's chart number: the identifier in MedAlliance's own system for the
 * hospital, else in the system named on the command line, else the only one typed `MR`,
 * else the only identifier that is neither the alliance's MPI id nor a national id.
 * Anything else is ambiguous and refused.
 */
function chartNumber(patient: JsonObject, options: ImportOptions): string {
  const identifiers = asArray(patient.identifier);
  const wanted = options.mrnSystem ?? mrnSystem(options.hospitalId);
  let match: unknown = findBySystem(identifiers, wanted);
  if (!match && !options.mrnSystem) {
    const typed = identifiers.filter((i) => isTyped(i, 'MR'));
    const local = identifiers.filter((i) => !isAlliancesOwn(i) && !isTyped(i, 'NI'));
    if (typed.length === 1) match = typed[0];
    else if (typed.length === 0 && local.length === 1) match = local[0];
  }
  if (!match) reject(`no chart number for this hospital (Patient.identifier with system ${wanted})`);
  const value = asObject(match)?.value;
  if (typeof value !== 'string' || !MRN.test(value)) reject('the chart number is not 1–64 letters, digits, ".", "_" or "-"');
  return value;
}

/** The national id (identifier typed v2-0203 `NI`), checked against GB 11643; at most one. */
function nationalIdOf(patient: JsonObject): string | null {
  const typed = asArray(patient.identifier).filter((i) => isTyped(i, 'NI'));
  if (typed.length === 0) return null;
  if (typed.length > 1) reject('more than one national id (identifier typed NI)');
  const value = asObject(typed[0])?.value;
  if (typeof value !== 'string') reject('the national id (identifier typed NI) has no value');
  const verdict = checkNationalId(value);
  if (!verdict.valid) reject(verdict.reason);
  return verdict.nationalId;
}

function displayName(patient: JsonObject): string | null {
  const names = asArray(patient.name);
  // a name that is not an object has neither text nor parts: no name, as when there is none
  const name = asObject(names.find((n) => asObject(n)?.use === 'official') ?? names[0]);
  if (!name) return null;
  if (typeof name.text === 'string' && name.text.trim()) return name.text.trim().slice(0, 100);
  const parts = [name.family, ...asArray(name.given)].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length ? parts.join(' ').slice(0, 100) : null;
}

/** A FHIR Patient → this hospital's chart; demographics are optional, a chart number is not. */
export function chartFromPatient(patient: JsonObject, options: ImportOptions): ChartRow {
  const mrn = chartNumber(patient, options);
  let sex: SexCode = 'UNKNOWN';
  if (patient.gender !== undefined) {
    sex = lookupCode(SEX_BY_GENDER, patient.gender) ?? reject(`gender "${quoted(patient.gender)}" is not an AdministrativeGender code`);
  }
  let birthDate: string | null = null;
  if (patient.birthDate !== undefined) {
    const value = patient.birthDate;
    if (typeof value !== 'string' || !FULL_DATE.test(value) || Number.isNaN(Date.parse(value))) reject('birthDate is not a full date (YYYY-MM-DD)');
    birthDate = value;
  }
  return { mrn, name: displayName(patient), sex, birthDate, nationalId: nationalIdOf(patient), ...demographics(patient) };
}

/**
 * What the source says of the person, as given: every name, telecom, address, and every
 * identifier but the alliance's own (its index keeps those) — the source's own chart
 * number, in its own system, and the national id included.
 */
function demographics(patient: JsonObject): Pick<ChartRow, 'names' | 'telecom' | 'addresses' | 'identifiers'> {
  const others = asArray(patient.identifier).filter((i) => !isAlliancesOwn(i));
  return {
    names: fitting(listOrNull(asArray(patient.name), humanName), 'name'),
    telecom: fitting(listOrNull(asArray(patient.telecom), contactPoint), 'telecom'),
    addresses: fitting(listOrNull(asArray(patient.address), address), 'address'),
    identifiers: fitting(listOrNull(others, identifier), 'identifier'),
  };
}

/** The alliance's own identifiers: the person's MPI id and members' chart numbers. */
export function isAlliancesOwn(identifier: unknown): boolean {
  const system = asObject(identifier)?.system;
  return system === MPI_SYSTEM || (typeof system === 'string' && system.startsWith('urn:medalliance:hospital:'));
}

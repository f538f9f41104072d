import { HOSPITAL_SYSTEM, LOINC_SYSTEM, MPI_SYSTEM, OBSERVATION_CATEGORY_SYSTEM, labResultSystem } from '../../../common/fhir/fhir-systems';
import { asArray, asObject, type JsonObject } from './json-shape';

/**
 * What of an accepted resource the hospital's store does not keep, named by element path
 * (never by value: the report carries no PHI), so that a hospital importing its data knows
 * exactly what stayed behind in its source system. A chart keeps its number, one name as
 * text, sex and birth date; a result keeps the fields of the contract's `LabResult`.
 */

/** Top-level elements of an Observation that are kept, wholly or in part (the parts are checked below). */
const OBSERVATION_KEPT = new Set([
  'resourceType',
  'id',
  'status',
  'code',
  'subject',
  'effectiveDateTime',
  'effectivePeriod',
  'issued',
  'valueQuantity',
  'valueString',
  'referenceRange',
  'interpretation',
  'specimen',
  'identifier',
  'performer',
  'contained',
  'category',
]);
const PATIENT_KEPT = new Set(['resourceType', 'id', 'identifier', 'name', 'gender', 'birthDate']);

const isTypedNi = (identifier: unknown) => asArray(asObject(asObject(identifier)?.type)?.coding).some((c) => asObject(c)?.code === 'NI');

/** Elements of an accepted Observation that are not stored; `catalogueName` is the name shown instead of the source's. */
export function observationNotKept(o: JsonObject, hospitalId: string, catalogueName: string, resultId: string): string[] {
  const out = Object.keys(o).filter((key) => !OBSERVATION_KEPT.has(key) && !key.startsWith('_'));
  asArray(o.identifier).forEach((identifier, i) => {
    const system = asObject(identifier)?.system;
    const ours = system === labResultSystem(hospitalId) && asObject(identifier)?.value === resultId;
    if (!ours) out.push(`identifier[${i}] (the result id here is ${resultId.startsWith('fhir-') ? 'fhir-<Observation.id>' : 'the MedAlliance identifier'})`);
  });
  const code = asObject(o.code);
  if (typeof code?.text === 'string' && code.text !== catalogueName) out.push("code.text (the catalogue's name is shown)");
  asArray(code?.coding).forEach((coding, i) => {
    const c = asObject(coding);
    if (c?.system !== LOINC_SYSTEM) out.push(`code.coding[${i}] (only the LOINC code is kept)`);
    else if (typeof c.display === 'string' && c.display !== catalogueName) out.push(`code.coding[${i}].display (the catalogue's name is shown)`);
  });
  if (o.status === 'corrected') out.push('status (corrected is kept as amended)');
  if (typeof o.valueString === 'string' && o.valueString.length > 200) out.push('valueString (cut to 200 characters)');
  asArray(o.referenceRange).forEach((range, i) => {
    if (i > 0) return void out.push(`referenceRange[${i}] (only the first range is kept)`);
    for (const key of Object.keys(asObject(range) ?? {})) if (!['low', 'high', 'text'].includes(key)) out.push(`referenceRange[0].${key}`);
  });
  asArray(o.interpretation).forEach((concept, i) => {
    if (i > 0) out.push(`interpretation[${i}] (only the first is kept)`);
  });
  asArray(o.category).forEach((concept, i) => {
    const laboratory = asArray(asObject(concept)?.coding).some((c) => asObject(c)?.system === OBSERVATION_CATEGORY_SYSTEM && asObject(c)?.code === 'laboratory');
    if (!laboratory) out.push(`category[${i}] (every result here is a laboratory result)`);
  });
  const specimen = asObject(o.specimen);
  for (const key of Object.keys(specimen ?? {})) if (key !== 'display') out.push(`specimen.${key} (only its display text is kept)`);
  asArray(o.performer).forEach((performer, i) => {
    const reference = asObject(performer)?.reference;
    const target = typeof reference === 'string' && reference.startsWith('#') ? asObject(asArray(o.contained).find((c) => `#${String(asObject(c)?.id)}` === reference)) : undefined;
    const member = asArray(target?.identifier).some((id) => asObject(id)?.system === HOSPITAL_SYSTEM);
    if (!member) out.push(`performer[${i}] (the performer is recorded as this hospital)`);
  });
  return out;
}

/** Elements of an accepted Patient that are not stored with the chart. */
export function patientNotKept(p: JsonObject, mrn: string): string[] {
  const out = Object.keys(p).filter((key) => !PATIENT_KEPT.has(key) && !key.startsWith('_'));
  asArray(p.identifier).forEach((identifier, i) => {
    const id = asObject(identifier);
    if (isTypedNi(identifier)) return void out.push(`identifier[${i}] (the national id links the chart in the alliance's index; it is not stored with the chart)`);
    // the chart number itself, and the alliance's own identifiers (the person, other members' charts), which the index keeps
    const alliances = id?.system === MPI_SYSTEM || (typeof id?.system === 'string' && id.system.startsWith('urn:medalliance:hospital:'));
    if (id?.value !== mrn && !alliances) out.push(`identifier[${i}]`);
  });
  const names = asArray(p.name);
  const used = names.find((n) => asObject(n)?.use === 'official') ?? names[0];
  names.forEach((name, i) => {
    if (name !== used) return void out.push(`name[${i}] (one name is kept)`);
    const n = asObject(name);
    const parts = Object.keys(n ?? {}).filter((key) => key !== 'text' && key !== 'use');
    if (parts.length > 0) out.push(`name[${i}].${parts.join(`, name[${i}].`)} (the name is kept as one text)`);
  });
  return out;
}

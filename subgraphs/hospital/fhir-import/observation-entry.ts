import { HOSPITAL_SYSTEM, INTERPRETATION_CODES, INTERPRETATION_SYSTEM, LOINC_SYSTEM, OBSERVATION_STATUS, UCUM_SYSTEM, labResultSystem } from '../../../common/fhir/fhir-systems';
import type { KeptIdentifier, KeptQuantity, KeptReferenceRange } from '../../../common/fhir/kept-elements';
import { findLabItem, type LabItem } from '../../runtime/seed/lab-catalogue';
import { interpret } from '../lab-result/interpret';
import type { InterpretationCode, ResultStatusCode } from '../lab-result/lab-result.entity';
import { reject, type ImportOptions, type ResultRow } from './import-types';
import { asArray, asObject, findBySystem, isArray, lookupCode, quoted, type JsonObject } from './json-shape';
import { concept, fitting, identifiers, listOrNull, note, performer, str } from './read-kept';

const STATUS_BY_FHIR = Object.fromEntries(Object.entries(OBSERVATION_STATUS).map(([ours, fhir]) => [fhir, ours])) as Record<string, ResultStatusCode>;
const INTERPRETATION_BY_CODE = Object.fromEntries(Object.entries(INTERPRETATION_CODES).map(([ours, v]) => [v.code, ours])) as Record<string, InterpretationCode>;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const RESULT_ID = /^[A-Za-z0-9._-]{1,64}$/;

function instant(value: unknown, element: string): Date {
  if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) reject(`${element} is not a dateTime with a time zone`);
  return new Date(value);
}

/** The catalogue item of the Observation's LOINC coding; other code systems are not enough. */
function labItem(observation: JsonObject): LabItem {
  const loinc = findBySystem(asArray(asObject(observation.code)?.coding), LOINC_SYSTEM)?.code;
  if (typeof loinc !== 'string') reject('code has no LOINC coding (system http://loinc.org)');
  return findLabItem(loinc) ?? reject(`LOINC ${loinc} is not a test this alliance knows`);
}

/** A quantity in exactly the item's UCUM unit: a mass unit is never turned into a molar one. */
function valueIn(value: unknown, item: LabItem, element: string): number {
  const quantity = asObject(value) ?? {};
  const amount = quantity.value;
  if (typeof amount !== 'number' || !Number.isFinite(amount)) reject(`${element}.value is not a number`);
  if (quantity.system !== undefined && quantity.system !== UCUM_SYSTEM) reject(`${element} is not in UCUM (system ${UCUM_SYSTEM})`);
  const unit = quantity.code ?? quantity.unit;
  if (unit !== item.unit) reject(`${element} unit "${quoted(unit)}" is not ${item.unit}, the UCUM unit of LOINC ${item.loinc} (units are never converted)`);
  return amount;
}

/** The result's id here: MedAlliance's own identifier for this hospital, else the resource id. */
function resultId(observation: JsonObject, hospitalId: string): string {
  const own = findBySystem(asArray(observation.identifier), labResultSystem(hospitalId))?.value;
  const id = own ?? (typeof observation.id === 'string' ? `fhir-${observation.id}` : undefined);
  if (typeof id !== 'string' || !RESULT_ID.test(id)) reject('no usable identifier: need Observation.identifier or id (1–64 letters, digits, ".", "_", "-")');
  return id;
}

/** Another member's result is theirs to load, not this hospital's. */
function checkPerformer(observation: JsonObject, hospitalId: string): void {
  const contained = asArray(observation.contained);
  for (const performer of asArray(observation.performer).map(asObject)) {
    const reference = performer?.reference;
    const target = typeof reference === 'string' && reference.startsWith('#') ? asObject(contained.find((c) => `#${String(asObject(c)?.id)}` === reference)) : undefined;
    const identifiers = [...asArray(target?.identifier), ...(performer?.identifier ? [performer.identifier] : [])];
    const member = findBySystem(identifiers, HOSPITAL_SYSTEM)?.value;
    if (member !== undefined && member !== hospitalId) reject(`performed by another member (${quoted(member)})`);
  }
}

function interpretation(observation: JsonObject, value: number | null, low: number | null, high: number | null): InterpretationCode | null {
  const concept = isArray(observation.interpretation) ? observation.interpretation[0] : observation.interpretation;
  if (!concept) return interpret(value, { low, high });
  const code = findBySystem(asArray(asObject(concept)?.coding), INTERPRETATION_SYSTEM)?.code;
  return lookupCode(INTERPRETATION_BY_CODE, code) ?? reject(`interpretation "${quoted(code)}" is not one of N, L, H, LL, HH, A (v3 ObservationInterpretation)`);
}

/** A FHIR R4 Observation → one lab result of the chart `mrn`, validated against the catalogue. */
export function resultFromObservation(observation: JsonObject, mrn: string, options: ImportOptions): ResultRow {
  const item = labItem(observation);
  // FHIR's `corrected` is a kind of `amended` (a final result changed after release): AMENDED here, the code given kept beside it
  const status =
    lookupCode(STATUS_BY_FHIR, observation.status === 'corrected' ? 'amended' : observation.status) ??
    reject(`status "${quoted(observation.status)}" has no equivalent here (registered, preliminary, final, amended, corrected, cancelled)`);
  checkPerformer(observation, options.hospitalId);
  const collectedAt = instant(observation.effectiveDateTime ?? asObject(observation.effectivePeriod)?.start, 'effectiveDateTime');
  const reportedAt = observation.issued === undefined ? null : instant(observation.issued, 'issued');
  const valueQuantity = observation.valueQuantity === undefined ? null : valueIn(observation.valueQuantity, item, 'valueQuantity');
  const valueString = typeof observation.valueString === 'string' ? observation.valueString.slice(0, 200) : null;
  const ranges = referenceRanges(observation, item);
  const range = asObject(asArray(observation.referenceRange)[0]);
  const refLow = ranges?.[0]?.low?.value ?? null;
  const refHigh = ranges?.[0]?.high?.value ?? null;
  const specimen = asObject(observation.specimen)?.display;
  const id = resultId(observation, options.hospitalId);
  return {
    id,
    mrn,
    loinc: item.loinc,
    localCode: item.localCode,
    name: item.name,
    valueQuantity,
    valueString,
    unit: item.unit,
    refLow,
    refHigh,
    refText: typeof range?.text === 'string' ? range.text.slice(0, 100) : null,
    interpretation: interpretation(observation, valueQuantity, refLow, refHigh),
    status,
    specimen: typeof specimen === 'string' ? specimen.slice(0, 40) : null,
    collectedAt,
    reportedAt,
    performingDepartmentId: null,
    ...keptFromSource(observation, options.hospitalId, id),
    referenceRanges: fitting(ranges, 'referenceRange'),
  };
}

/** Every reference range as given, each limit in the item's unit (the first is the one interpretation uses). */
function referenceRanges(observation: JsonObject, item: LabItem): KeptReferenceRange[] | null {
  const ranges = asArray(observation.referenceRange).map((value, i) => {
    const range = asObject(value);
    const limit = (quantity: unknown, element: string): KeptQuantity | null => {
      if (quantity === undefined) return null;
      const q = asObject(quantity);
      return { value: valueIn(quantity, item, `referenceRange[${i}].${element}`), unit: str(q?.unit), system: str(q?.system), code: str(q?.code) };
    };
    return {
      low: limit(range?.low, 'low'),
      high: limit(range?.high, 'high'),
      type: concept(range?.type),
      appliesTo: asArray(range?.appliesTo).flatMap((c) => concept(c) ?? []),
      text: str(range?.text),
    };
  });
  return ranges.length > 0 ? ranges : null;
}

/** What the source said beyond the contract's fields, as given: identifiers, code, status, performer, method, notes. */
function keptFromSource(observation: JsonObject, hospitalId: string, id: string) {
  // the identifier that is this result's own id here is the id, not a source's
  const own = (i: KeptIdentifier) => i.system === labResultSystem(hospitalId) && i.value === id;
  const sourceIdentifiers = identifiers(asArray(observation.identifier)).filter((i) => !own(i));
  return {
    sourceIdentifiers: fitting(sourceIdentifiers.length > 0 ? sourceIdentifiers : null, 'identifier'),
    sourceCode: fitting(concept(observation.code), 'code'),
    fhirStatus: observation.status === 'corrected' ? 'corrected' : null,
    performers: fitting(
      listOrNull(asArray(observation.performer), (p) => performer(observation, p)),
      'performer',
    ),
    method: fitting(concept(observation.method), 'method'),
    notes: fitting(listOrNull(asArray(observation.note), note), 'note'),
  };
}

import { HOSPITAL_SYSTEM, INTERPRETATION_CODES, INTERPRETATION_SYSTEM, LOINC_SYSTEM, OBSERVATION_STATUS, UCUM_SYSTEM, labResultSystem } from '../../../common/fhir/fhir-systems';
import { findLabItem, type LabItem } from '../../runtime/seed/lab-catalogue';
import { interpret } from '../lab-result/interpret';
import type { InterpretationCode, ResultStatusCode } from '../lab-result/lab-result.entity';
import { reject, type ImportOptions, type ResultRow } from './import-types';

type Json = any;

const STATUS_BY_FHIR = Object.fromEntries(Object.entries(OBSERVATION_STATUS).map(([ours, fhir]) => [fhir, ours])) as Record<string, ResultStatusCode>;
const INTERPRETATION_BY_CODE = Object.fromEntries(Object.entries(INTERPRETATION_CODES).map(([ours, v]) => [v.code, ours])) as Record<string, InterpretationCode>;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const RESULT_ID = /^[A-Za-z0-9._-]{1,64}$/;

function instant(value: unknown, element: string): Date {
  if (typeof value !== 'string' || !DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) reject(`${element} is not a dateTime with a time zone`);
  return new Date(value);
}

/** The catalogue item of the Observation's LOINC coding; other code systems are not enough. */
function labItem(observation: Json): LabItem {
  const codings: Json[] = Array.isArray(observation.code?.coding) ? observation.code.coding : [];
  const loinc = codings.find((c) => c?.system === LOINC_SYSTEM)?.code;
  if (typeof loinc !== 'string') reject('code has no LOINC coding (system http://loinc.org)');
  return findLabItem(loinc) ?? reject(`LOINC ${loinc} is not a test this alliance knows`);
}

/** A quantity in exactly the item's UCUM unit: a mass unit is never turned into a molar one. */
function valueIn(quantity: Json, item: LabItem, element: string): number {
  if (typeof quantity?.value !== 'number' || !Number.isFinite(quantity.value)) reject(`${element}.value is not a number`);
  if (quantity.system !== undefined && quantity.system !== UCUM_SYSTEM) reject(`${element} is not in UCUM (system ${UCUM_SYSTEM})`);
  const unit = quantity.code ?? quantity.unit;
  if (unit !== item.unit) reject(`${element} unit "${String(unit)}" is not ${item.unit}, the UCUM unit of LOINC ${item.loinc} (units are never converted)`);
  return quantity.value;
}

/** The result's id here: MedAlliance's own identifier for this hospital, else the resource id. */
function resultId(observation: Json, hospitalId: string): string {
  const own = (Array.isArray(observation.identifier) ? observation.identifier : []).find((i: Json) => i?.system === labResultSystem(hospitalId))?.value;
  const id = own ?? (typeof observation.id === 'string' ? `fhir-${observation.id}` : undefined);
  if (typeof id !== 'string' || !RESULT_ID.test(id)) reject('no usable identifier: need Observation.identifier or id (1–64 letters, digits, ".", "_", "-")');
  return id;
}

/** Another member's result is theirs to load, not this hospital's. */
function checkPerformer(observation: Json, hospitalId: string): void {
  const contained: Json[] = Array.isArray(observation.contained) ? observation.contained : [];
  for (const performer of Array.isArray(observation.performer) ? observation.performer : []) {
    const target = typeof performer?.reference === 'string' && performer.reference.startsWith('#') ? contained.find((c) => `#${c?.id}` === performer.reference) : undefined;
    const identifiers: Json[] = [...(Array.isArray(target?.identifier) ? target.identifier : []), ...(performer?.identifier ? [performer.identifier] : [])];
    const member = identifiers.find((i) => i?.system === HOSPITAL_SYSTEM)?.value;
    if (member !== undefined && member !== hospitalId) reject(`performed by another member (${String(member)})`);
  }
}

function interpretation(observation: Json, value: number | null, low: number | null, high: number | null): InterpretationCode | null {
  const concept = Array.isArray(observation.interpretation) ? observation.interpretation[0] : observation.interpretation;
  if (!concept) return interpret(value, { low, high });
  const coding = (Array.isArray(concept.coding) ? concept.coding : []).find((c: Json) => c?.system === INTERPRETATION_SYSTEM);
  return INTERPRETATION_BY_CODE[coding?.code] ?? reject(`interpretation "${String(coding?.code)}" is not one of N, L, H, LL, HH, A (v3 ObservationInterpretation)`);
}

/** A FHIR R4 Observation → one lab result of the chart `mrn`, validated against the catalogue. */
export function resultFromObservation(observation: Json, mrn: string, options: ImportOptions): ResultRow {
  const item = labItem(observation);
  const status = STATUS_BY_FHIR[observation.status] ?? reject(`status "${String(observation.status)}" has no equivalent here (registered, preliminary, final, amended, cancelled)`);
  checkPerformer(observation, options.hospitalId);
  const collectedAt = instant(observation.effectiveDateTime ?? observation.effectivePeriod?.start, 'effectiveDateTime');
  const reportedAt = observation.issued === undefined ? null : instant(observation.issued, 'issued');
  const valueQuantity = observation.valueQuantity === undefined ? null : valueIn(observation.valueQuantity, item, 'valueQuantity');
  const valueString = typeof observation.valueString === 'string' ? observation.valueString.slice(0, 200) : null;
  const range = Array.isArray(observation.referenceRange) ? observation.referenceRange[0] : undefined;
  const refLow = range?.low === undefined ? null : valueIn(range.low, item, 'referenceRange.low');
  const refHigh = range?.high === undefined ? null : valueIn(range.high, item, 'referenceRange.high');
  return {
    id: resultId(observation, options.hospitalId),
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
    specimen: typeof observation.specimen?.display === 'string' ? observation.specimen.display.slice(0, 40) : null,
    collectedAt,
    reportedAt,
    performingDepartmentId: null,
  };
}

import { INTERPRETATION_CODES, INTERPRETATION_SYSTEM, OBSERVATION_CATEGORY_SYSTEM } from '../../../common/fhir/fhir-systems';
import { asArray, asObject, type JsonObject } from './json-shape';
import { isAlliancesOwn } from './patient-entry';
import { containedTarget } from './read-kept';

/**
 * What of an accepted resource the hospital's store does not keep, named by element path
 * (never by value: the report carries no PHI), so that a hospital importing its data knows
 * exactly what stayed behind in its source system. Everything the readers of
 * `read-kept.ts`, `observation-entry.ts` and `patient-entry.ts` keep is left out; each
 * rule here names a part they do not read.
 */

const CODING = ['system', 'code', 'display'];
const IDENTIFIER = ['use', 'type', 'system', 'value'];
const QUANTITY = ['value', 'unit', 'system', 'code'];

/** Keys of `value` (an object) other than `kept`, as paths under `at`. */
function otherKeys(value: unknown, kept: readonly string[], at: string): string[] {
  return Object.keys(asObject(value) ?? {})
    .filter((key) => !kept.includes(key))
    .map((key) => `${at}.${key}`);
}

/** Each element of a list that is not an object is not kept at all; of the others, `parts` says what is not. */
function eachObject(list: unknown, at: string, parts: (value: JsonObject, path: string) => string[]): string[] {
  return asArray(list).flatMap((value, i) => {
    const object = asObject(value);
    return object ? parts(object, `${at}[${i}]`) : [`${at}[${i}] (not an object)`];
  });
}

function concept(value: unknown, at: string): string[] {
  if (value === undefined) return [];
  if (!asObject(value)) return [`${at} (not an object)`];
  return [...otherKeys(value, ['coding', 'text'], at), ...eachObject(asObject(value)?.coding, `${at}.coding`, (c, path) => otherKeys(c, CODING, path))];
}

function identifier(value: JsonObject, at: string): string[] {
  return [...otherKeys(value, IDENTIFIER, at), ...concept(value.type, `${at}.type`)];
}

function quantity(value: unknown, at: string): string[] {
  return value === undefined ? [] : otherKeys(value, QUANTITY, at);
}

/** Top-level elements of an Observation that are kept, wholly or in part (the parts are checked below). */
const OBSERVATION_KEPT = new Set([
  'resourceType',
  'id',
  'identifier',
  'status',
  'category',
  'code',
  'subject',
  'effectiveDateTime',
  'effectivePeriod',
  'issued',
  'valueQuantity',
  'valueString',
  'interpretation',
  'note',
  'method',
  'specimen',
  'referenceRange',
  'performer',
  'contained',
]);
const PATIENT_KEPT = new Set(['resourceType', 'id', 'identifier', 'name', 'telecom', 'address', 'gender', 'birthDate']);

/** Top-level elements not kept; `_element` (extensions of a primitive value) included. */
function unkeptTopLevel(resource: JsonObject, kept: ReadonlySet<string>): string[] {
  return Object.keys(resource).filter((key) => !kept.has(key));
}

/** Elements of an accepted Observation that are not stored. */
export function observationNotKept(o: JsonObject): string[] {
  const out = unkeptTopLevel(o, OBSERVATION_KEPT);
  out.push(...eachObject(o.identifier, 'identifier', identifier));
  out.push(...concept(o.code, 'code'));
  out.push(...otherKeys(o.effectivePeriod, ['start'], 'effectivePeriod'));
  out.push(...quantity(o.valueQuantity, 'valueQuantity'));
  if (typeof o.valueString === 'string' && o.valueString.length > 200) out.push('valueString (cut to 200 characters)');
  out.push(
    ...eachObject(o.referenceRange, 'referenceRange', (range, at) => [
      ...otherKeys(range, ['low', 'high', 'type', 'appliesTo', 'text'], at),
      ...quantity(range.low, `${at}.low`),
      ...quantity(range.high, `${at}.high`),
      ...concept(range.type, `${at}.type`),
      ...asArray(range.appliesTo).flatMap((c, i) => concept(c, `${at}.appliesTo[${i}]`)),
    ]),
  );
  // the first interpretation is kept as its v3 code (shown with that code's own display)
  asArray(o.interpretation).forEach((value, i) => {
    if (i > 0) return void out.push(`interpretation[${i}] (only the first is kept)`);
    const c = asObject(value);
    out.push(...otherKeys(c, ['coding'], 'interpretation[0]'));
    asArray(c?.coding).forEach((coding, j) => {
      const v3 = asObject(coding);
      if (v3?.system !== INTERPRETATION_SYSTEM) return void out.push(`interpretation[0].coding[${j}] (only the v3 ObservationInterpretation code is kept)`);
      out.push(...otherKeys(v3, ['system', 'code', 'display'], `interpretation[0].coding[${j}]`));
      const own = Object.values(INTERPRETATION_CODES).find((c) => c.code === v3.code)?.display;
      if (v3.display !== undefined && v3.display !== own) out.push(`interpretation[0].coding[${j}].display (the code's own display is shown)`);
    });
  });
  asArray(o.category).forEach((concept, i) => {
    const laboratory = asArray(asObject(concept)?.coding).some((c) => asObject(c)?.system === OBSERVATION_CATEGORY_SYSTEM && asObject(c)?.code === 'laboratory');
    if (!laboratory) out.push(`category[${i}] (every result here is a laboratory result)`);
  });
  out.push(...concept(o.method, 'method'));
  out.push(
    ...eachObject(o.note, 'note', (n, at) => [...otherKeys(n, ['text', 'time', 'authorString'], at), ...(typeof n.text === 'string' && n.text !== '' ? [] : [`${at} (no text)`])]),
  );
  for (const key of Object.keys(asObject(o.specimen) ?? {})) if (key !== 'display') out.push(`specimen.${key} (only its display text is kept)`);
  out.push(
    ...eachObject(o.performer, 'performer', (p, at) => [
      ...otherKeys(p, ['reference', 'type', 'display', 'identifier'], at),
      ...(asObject(p.identifier) ? identifier(asObject(p.identifier)!, `${at}.identifier`) : []),
    ]),
  );
  // a contained Organization a performer points to is kept (its name and identifiers); nothing else contained is
  const performing = new Set(asArray(o.performer).map((p) => containedTarget(o, asObject(p)?.reference)));
  asArray(o.contained).forEach((value, i) => {
    const c = asObject(value);
    if (!c || c.resourceType !== 'Organization' || !performing.has(c)) return void out.push(`contained[${i}] (only an Organization a performer points to is kept)`);
    out.push(...otherKeys(c, ['resourceType', 'id', 'name', 'identifier'], `contained[${i}]`), ...eachObject(c.identifier, `contained[${i}].identifier`, identifier));
  });
  return out;
}

/** Elements of an accepted Patient that are not stored with the chart. */
export function patientNotKept(p: JsonObject): string[] {
  const out = unkeptTopLevel(p, PATIENT_KEPT);
  // the alliance's own identifiers (the person, members' charts) are kept by its index, whole
  out.push(...eachObject(p.identifier, 'identifier', (id, at) => (isAlliancesOwn(id) ? [] : identifier(id, at))));
  out.push(...eachObject(p.name, 'name', (n, at) => otherKeys(n, ['use', 'text', 'family', 'given', 'prefix', 'suffix'], at)));
  out.push(...eachObject(p.telecom, 'telecom', (t, at) => otherKeys(t, ['system', 'value', 'use', 'rank'], at)));
  out.push(...eachObject(p.address, 'address', (a, at) => otherKeys(a, ['use', 'type', 'text', 'line', 'city', 'district', 'state', 'postalCode', 'country'], at)));
  return out;
}

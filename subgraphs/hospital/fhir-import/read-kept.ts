import type {
  KeptAddress,
  KeptCoding,
  KeptConcept,
  KeptContactPoint,
  KeptHumanName,
  KeptIdentifier,
  KeptNote,
  KeptOrganization,
  KeptPerformer,
} from '../../../common/fhir/kept-elements';
import { reject } from './import-types';
import { asArray, asObject, type JsonObject } from './json-shape';

/**
 * The parts of FHIR elements a hospital keeps, read from the bundle as given: strings stay
 * as they are (no trimming, no catalogue names), an element of the wrong kind reads as
 * absent. What these leave out is what `not-kept.ts` reports, element by element.
 */

/** The largest JSON a kept element's column holds (MySQL `text`: 64 KiB). */
const COLUMN_BYTES = 65_535;

export function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function strings(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string' && v !== '');
}

function coding(value: unknown): KeptCoding | undefined {
  const c = asObject(value);
  const kept = { system: str(c?.system), code: str(c?.code), display: str(c?.display) };
  return kept.system || kept.code || kept.display ? kept : undefined;
}

export function concept(value: unknown): KeptConcept | null {
  const c = asObject(value);
  const kept = { coding: asArray(c?.coding).flatMap((x) => coding(x) ?? []), text: str(c?.text) };
  return kept.coding.length > 0 || kept.text ? kept : null;
}

export function identifier(value: unknown): KeptIdentifier | null {
  const i = asObject(value);
  const kept = { use: str(i?.use), type: concept(i?.type), system: str(i?.system), value: str(i?.value) };
  return kept.system || kept.value ? kept : null;
}

export function identifiers(values: readonly unknown[]): KeptIdentifier[] {
  return values.flatMap((v) => identifier(v) ?? []);
}

/** The contained resource a local reference (`#id`) points to. */
export function containedTarget(resource: JsonObject, reference: unknown): JsonObject | undefined {
  if (typeof reference !== 'string' || !reference.startsWith('#')) return undefined;
  return asObject(asArray(resource.contained).find((c) => `#${String(asObject(c)?.id)}` === reference));
}

function organization(target: JsonObject | undefined): KeptOrganization | null {
  if (target?.resourceType !== 'Organization' || typeof target.id !== 'string') return null;
  return { id: target.id, name: str(target.name), identifier: identifiers(asArray(target.identifier)) };
}

export function performer(observation: JsonObject, value: unknown): KeptPerformer | null {
  const p = asObject(value);
  const kept = {
    reference: str(p?.reference),
    type: str(p?.type),
    display: str(p?.display),
    identifier: identifier(p?.identifier),
    organization: organization(containedTarget(observation, p?.reference)),
  };
  return kept.reference || kept.display || kept.identifier ? kept : null;
}

export function note(value: unknown): KeptNote | null {
  const n = asObject(value);
  const text = str(n?.text);
  return text ? { text, time: str(n?.time), authorString: str(n?.authorString) } : null;
}

export function humanName(value: unknown): KeptHumanName | null {
  const n = asObject(value);
  const kept = { use: str(n?.use), text: str(n?.text), family: str(n?.family), given: strings(n?.given), prefix: strings(n?.prefix), suffix: strings(n?.suffix) };
  return kept.text || kept.family || kept.given.length > 0 ? kept : null;
}

export function contactPoint(value: unknown): KeptContactPoint | null {
  const c = asObject(value);
  const rank = c?.rank;
  const kept = { system: str(c?.system), value: str(c?.value), use: str(c?.use), rank: typeof rank === 'number' && Number.isInteger(rank) && rank > 0 ? rank : null };
  return kept.value ? kept : null;
}

export function address(value: unknown): KeptAddress | null {
  const a = asObject(value);
  const kept = {
    use: str(a?.use),
    type: str(a?.type),
    text: str(a?.text),
    line: strings(a?.line),
    city: str(a?.city),
    district: str(a?.district),
    state: str(a?.state),
    postalCode: str(a?.postalCode),
    country: str(a?.country),
  };
  return kept.text || kept.line.length > 0 || kept.city || kept.district || kept.state || kept.postalCode || kept.country ? kept : null;
}

/** A kept list, or null when nothing of it is kept (the column says "not given"). */
export function listOrNull<T>(values: readonly unknown[], read: (value: unknown) => T | null): T[] | null {
  const kept = values.flatMap((v) => read(v) ?? []);
  return kept.length > 0 ? kept : null;
}

/** Refuses the entry when what is kept of `element` does not fit its column: never cut silently. */
export function fitting<T>(value: T, element: string): T {
  if (value !== null && Buffer.byteLength(JSON.stringify(value)) > COLUMN_BYTES) reject(`${element} is too large to keep (more than 64 KiB)`);
  return value;
}

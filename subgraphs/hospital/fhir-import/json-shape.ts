/**
 * Narrowing for a bundle read with `JSON.parse`: nothing in it is trusted to have the
 * shape FHIR gives it, so each element is looked at as `unknown` and kept only when it is
 * of the kind the rule reading it expects. A wrong kind reads as absent, never a crash.
 */

/** A JSON object (not an array, not null). */
export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function isArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

/** The elements of a JSON array; anything else has none. */
export function asArray(value: unknown): readonly unknown[] {
  return isArray(value) ? value : [];
}

/** The first element whose `system` is this one (Identifier, Coding), as an object. */
export function findBySystem(elements: readonly unknown[], system: string): JsonObject | undefined {
  return asObject(elements.find((element) => asObject(element)?.system === system));
}

/**
 * A code's entry in a table built from our own constants; only the table's own keys
 * count, so a code such as `constructor` is unknown rather than a prototype member.
 */
export function lookupCode<T>(table: Readonly<Record<string, T>>, code: unknown): T | undefined {
  return typeof code === 'string' && Object.hasOwn(table, code) ? table[code] : undefined;
}

/**
 * A value from the bundle as a rejection quotes it: what `String` makes of it, so an
 * object shows as `[object Object]` and its content never reaches the report.
 */
export function quoted(value: unknown): string {
  return String(value);
}

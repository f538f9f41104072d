import { createHash } from 'node:crypto';
import { AUDIT_COLUMN_LENGTHS, AUDIT_TEXT_MAX_BYTES } from './audit-entry.entity';

/**
 * Audit rows must be writable whatever the caller sent (DESIGN 5): a 10 KB operation
 * name, a long `sub` or request id must not make the insert fail on a strict MySQL/MariaDB
 * (which refuses an over-long value instead of cutting it) after the write it describes,
 * nor be silently cut by a lenient one. A value longer than its column is stored cut, and
 * the cut value names the full value's sha256, so an investigator holding the full value
 * (from the gateway's log, the caller) can prove which one it was:
 *   `<first characters>…sha256:<64 hex>` — in every column of 100 characters or more;
 *   `…<hex prefix>` — in the short columns (role, purpose, ids), which only ever overflow
 *   with input the access rules refuse anyway.
 */
export const CUT_MARK = '…';
const FULL_HASH_MARK = `${CUT_MARK}sha256:`;

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * Lone UTF-16 surrogates cannot be stored as UTF-8: MySQL would store `?` and the row's
 * hash would no longer match on read. They become U+FFFD before hashing.
 */
export function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** The first `units` UTF-16 units, never ending inside a surrogate pair. */
function head(value: string, units: number): string {
  if (units <= 0) return '';
  const cut = value.slice(0, units);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/**
 * `value` as it fits a varchar of `length` characters. JavaScript counts UTF-16 units,
 * at least as many as the characters MySQL counts, so a value that fits here fits there.
 */
export function fitColumn(value: string, length: number): string {
  const clean = wellFormed(value);
  if (clean.length <= length) return clean;
  const hash = sha256(clean);
  if (length >= 100) return `${head(clean, length - FULL_HASH_MARK.length - hash.length)}${FULL_HASH_MARK}${hash}`;
  return `${CUT_MARK}${hash.slice(0, length - CUT_MARK.length)}`;
}

/**
 * The JSON array of patient references, within a TEXT column's bytes (64 KB on MySQL).
 * References are dropped from the end (they are sorted) and the last element names how
 * many were left out and the full list's sha256, so the stored value stays a JSON array.
 */
export function fitPatientRefs(json: string, maxBytes = AUDIT_TEXT_MAX_BYTES): string {
  const clean = wellFormed(json);
  if (Buffer.byteLength(clean, 'utf8') <= maxBytes) return clean;
  let refs: unknown;
  try {
    refs = JSON.parse(clean);
  } catch {
    refs = undefined;
  }
  const list = Array.isArray(refs) ? refs.map(String) : [clean];
  const marker = (left: number) => `${CUT_MARK}${left} more; sha256:${sha256(clean)}`;
  const kept: string[] = [];
  let bytes = Buffer.byteLength(JSON.stringify([marker(list.length)]), 'utf8');
  for (const ref of list) {
    const cost = Buffer.byteLength(JSON.stringify(ref), 'utf8') + 1;
    if (bytes + cost > maxBytes) break;
    kept.push(ref);
    bytes += cost;
  }
  return JSON.stringify([...kept, marker(list.length - kept.length)]);
}

type Fittable = {
  requestId: string;
  subject: string;
  role: string;
  callerHospitalId: string | null;
  servedBy: string;
  purpose: string | null;
  action: string;
  operationName: string | null;
  operationHash: string;
  patientRefs: string;
  outcome: string;
};

const fitNullable = (value: string | null, length: number) => (value === null ? null : fitColumn(value, length));

/** Every column of an audit row as it will be stored (and hashed). */
export function fitAuditColumns<T extends Fittable>(fields: T): T {
  const L = AUDIT_COLUMN_LENGTHS;
  return {
    ...fields,
    requestId: fitColumn(fields.requestId, L.requestId),
    subject: fitColumn(fields.subject, L.subject),
    role: fitColumn(fields.role, L.role),
    callerHospitalId: fitNullable(fields.callerHospitalId, L.callerHospitalId),
    servedBy: fitColumn(fields.servedBy, L.servedBy),
    purpose: fitNullable(fields.purpose, L.purpose),
    action: fitColumn(fields.action, L.action),
    operationName: fitNullable(fields.operationName, L.operationName),
    operationHash: fitColumn(fields.operationHash, L.operationHash),
    patientRefs: fitPatientRefs(fields.patientRefs),
    outcome: fitColumn(fields.outcome, L.outcome),
  };
}

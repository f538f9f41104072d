import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** A caller-supplied id is kept only when it is a short token: it goes into logs and audit rows (log injection). */
export function safeRequestId(value: unknown): string | undefined {
  const raw: unknown = Array.isArray(value) ? value[0] : value;
  return typeof raw === 'string' && SAFE_REQUEST_ID.test(raw) ? raw : undefined;
}

/** The caller's id when safe, else a new one. */
export function requestIdOf(value: string | string[] | undefined): string {
  return safeRequestId(value) ?? randomUUID();
}

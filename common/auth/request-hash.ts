import { createHash } from 'node:crypto';

/** What a subgraph call carries: the operation text, its variables and operation name. */
export interface SubgraphRequestBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** Object keys as JSON text, remembered: a body's objects share a few names (bounded: keys come from callers). */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_KEPT = 4096;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_KEPT) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * JSON with object keys sorted, recursively, and JSON.stringify's own rules otherwise
 * (toJSON, undefined members dropped, undefined in arrays as null), so that the gateway's
 * in-memory variables and the subgraph's parsed body give the same text. Both sides hash
 * every call's body with it (a recognition call carries a chart's results), hence one
 * string built in place rather than an array joined per object.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (i > 0) out += ',';
      out += item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1] > keys[i]) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || typeof item === 'function') continue;
    out += `${out.length > 1 ? ',' : ''}${quotedKey(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

/**
 * The `req_hash` claim (DESIGN 5): SHA-256 (base64url) over the canonical form of the
 * operation text, its operation name and its variables, so a token signed for one call
 * is worthless for any other query or other variables. No variables and `{}` are the
 * same request; anything the body does not carry as a string is no operation at all.
 */
export function requestHash(body: SubgraphRequestBody): string {
  const canonical = canonicalJson([body.query, body.operationName ?? null, body.variables ?? {}]);
  return createHash('sha256').update(canonical).digest('base64url');
}

/**
 * The request a subgraph received, as the gateway signed it: a POST's JSON body, or a
 * GET's query string. Undefined when it carries no operation text (the token then
 * matches nothing).
 */
export function receivedRequest(method: string | undefined, body: unknown, queryString: unknown): SubgraphRequestBody | undefined {
  if (method === 'GET') {
    const params = (queryString ?? {}) as Record<string, unknown>;
    if (typeof params.query !== 'string') return undefined;
    let variables: unknown = undefined;
    if (typeof params.variables === 'string' && params.variables !== '') {
      try {
        variables = JSON.parse(params.variables);
      } catch {
        return undefined;
      }
    }
    return {
      query: params.query,
      variables: variables as Record<string, unknown> | undefined,
      operationName: typeof params.operationName === 'string' ? params.operationName : undefined,
    };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.query !== 'string') return undefined;
  return { query: record.query, variables: record.variables as Record<string, unknown> | null | undefined, operationName: record.operationName as string | null | undefined };
}

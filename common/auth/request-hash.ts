import { createHash } from 'node:crypto';

/** What a subgraph call carries: the operation text, its variables and operation name. */
export interface SubgraphRequestBody {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/**
 * JSON with object keys sorted, recursively, and JSON.stringify's own rules otherwise
 * (toJSON, undefined members dropped, undefined in arrays as null), so that the gateway's
 * in-memory variables and the subgraph's parsed body give the same text.
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : canonicalJson(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined || typeof item === 'function') continue;
      parts.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
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

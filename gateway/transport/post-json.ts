import { request, type Agent } from 'undici';

export interface JsonReply {
  status: number;
  /** Parsed body, or undefined when it was not JSON. */
  body: unknown;
}

/**
 * POSTs a JSON body and reads the whole answer. The caller's signal bounds both the
 * connection and the body; errors are the transport's own (never shown to callers).
 */
export async function postJson(agent: Agent, url: string, payload: unknown, headers: Record<string, string>, signal: AbortSignal): Promise<JsonReply> {
  const response = await request(url, {
    dispatcher: agent,
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(payload),
    signal,
  });
  const text = await response.body.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.statusCode, body };
}

/** A GraphQL answer: an object with `data` and/or `errors`. */
export function isGraphQLBody(body: unknown): body is { data?: Record<string, unknown> | null; errors?: unknown[] } {
  return typeof body === 'object' && body !== null && ('data' in body || 'errors' in body);
}

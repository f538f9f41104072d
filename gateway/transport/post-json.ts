import { request, type Agent } from 'undici';

/** The answer was larger than the caller allowed; it was not read to the end. */
export class AnswerTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`answer larger than ${maxBytes} bytes`);
    this.name = 'AnswerTooLargeError';
  }
}

export interface JsonReply {
  status: number;
  /** Parsed body, or undefined when it was not JSON. */
  body: unknown;
}

/**
 * POSTs a JSON body and reads the answer, at most `maxBytes` of it (more: the body is
 * dropped unread and AnswerTooLargeError thrown, so a huge answer never sits in memory).
 * The caller's signal bounds both the connection and the body; errors are the
 * transport's own (never shown to callers).
 */
export async function postJson(agent: Agent, url: string, payload: unknown, headers: Record<string, string>, signal: AbortSignal, maxBytes = Infinity): Promise<JsonReply> {
  const response = await request(url, {
    dispatcher: agent,
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(payload),
    signal,
  });
  const text = await readText(response.body, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.statusCode, body };
}

async function readText(body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown }, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new AnswerTooLargeError(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** A GraphQL answer: an object with `data` and/or `errors`. */
export function isGraphQLBody(body: unknown): body is { data?: Record<string, unknown> | null; errors?: unknown[] } {
  return typeof body === 'object' && body !== null && ('data' in body || 'errors' in body);
}

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
  /** The answer as read, when it was not JSON (for the error that says so). */
  text?: string;
}

/** A GraphQL answer: an object with `data` and/or `errors`. */
export function isGraphQLBody(body: unknown): body is { data?: Record<string, unknown> | null; errors?: unknown[] } {
  return typeof body === 'object' && body !== null && ('data' in body || 'errors' in body);
}

import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** The media types a GraphQL client posts; anything else takes express's parser. */
const PLAIN_JSON = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

/** body-parser's white space before a strict body's first character (RFC 7159), no other. */
// eslint-disable-next-line no-control-regex
const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

type BodyError = Error & { status: number; statusCode: number; expose: boolean; type: string };

/** A failure as body-parser reports it (http-errors' fields): a 4xx that express's final handler or a gate answers. */
function bodyError<E extends Error>(error: E, status: number, type: string): E & BodyError {
  return Object.assign(error, { status, statusCode: status, expose: true, type });
}

/**
 * body-parser's strict mode: only an object or an array at the top, with its error: the
 * native parser's message about the first character, as if the rest were not there.
 */
function strictViolation(text: string, first: string | undefined): SyntaxError {
  const index = first === undefined ? -1 : text.indexOf(first);
  const partial = index < 0 ? '' : text.slice(0, index) + '#'.repeat(text.length - index);
  try {
    JSON.parse(partial);
    return new SyntaxError('strict violation');
  } catch (error) {
    const native = error as SyntaxError;
    const message = native.message.replace(/#+/g, (placeholder) => text.substring(index, index + placeholder.length));
    native.stack = native.stack?.replace(native.message, message);
    native.message = message;
    return native;
  }
}

/** `text` as body-parser's strict JSON parser makes it: an empty body is `{}`; errors are its SyntaxErrors. */
function parseStrict(text: string): unknown {
  if (text.length === 0) return {};
  if (text[0] !== '{' && text[0] !== '[') {
    const first = FIRST_NON_WHITESPACE.exec(text)?.[1] || undefined;
    if (first !== '{' && first !== '[') throw strictViolation(text, first);
  }
  return JSON.parse(text) as unknown;
}

/**
 * The declared length of a body this module reads itself — `application/json` in UTF-8,
 * not compressed, with a length within the limit — or 0: any other request (compressed,
 * another charset or type, no or a too large declared length, an empty body) is for
 * `express.json`, which answers it as before.
 */
export function plainJsonLength(headers: IncomingHttpHeaders, limitBytes: number): number {
  const length = Number(headers['content-length']);
  const type = headers['content-type'];
  if (!(length > 0 && length <= limitBytes) || !type || !PLAIN_JSON.has(type.toLowerCase()) || headers['content-encoding'] !== undefined) return 0;
  return length;
}

/**
 * The declared length of a POST of plain JSON to exactly /graphql (with or without a query
 * string) — the request the gateway and the subgraphs answer without express's router — or 0.
 */
export function plainGraphQLPostLength(req: IncomingMessage, limitBytes: number): number {
  const url = req.url;
  if (req.method !== 'POST' || url === undefined || !(url === '/graphql' || url.startsWith('/graphql?'))) return 0;
  return plainJsonLength(req.headers, limitBytes);
}

/**
 * Reads and parses a body `plainJsonLength` accepted, without body-parser's per-request
 * content-type, charset and decoder work; a failure comes with body-parser's status and
 * type (400 `entity.parse.failed`, `request.size.invalid`).
 */
export function readJsonBody(req: IncomingMessage, length: number, done: (error: BodyError | null, body?: unknown) => void): void {
  const chunks: Buffer[] = [];
  let received = 0;
  const fail = (error: BodyError) => {
    req.removeListener('data', onData);
    req.removeListener('end', onEnd);
    done(error);
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    chunks.push(chunk);
  };
  const onEnd = () => {
    if (received !== length) return fail(bodyError(new Error('request size did not match content length'), 400, 'request.size.invalid'));
    let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
    // body-parser's UTF-8 decoder drops a byte-order mark
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let body: unknown;
    try {
      body = parseStrict(text);
    } catch (error) {
      return fail(bodyError(error as Error, 400, 'entity.parse.failed'));
    }
    done(null, body);
  };
  req.on('data', onData);
  req.once('end', onEnd);
  req.once('error', (error) => fail(bodyError(error, 400, 'request.aborted')));
}

/** The request body of /graphql as express middleware: `readJsonBody` for the common case, `express.json` for the rest. */
export function jsonBody(limitBytes: number): RequestHandler {
  const general = express.json({ limit: limitBytes });
  return (req: Request, res: Response, next: NextFunction) => {
    const length = plainJsonLength(req.headers, limitBytes);
    if (length === 0) {
      general(req, res, next);
      return;
    }
    readJsonBody(req, length, (error, body) => {
      if (error) return next(error);
      req.body = body;
      next();
    });
  };
}

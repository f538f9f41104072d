import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** The media types a GraphQL client posts; anything else takes express's parser. */
const PLAIN_JSON = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

/** A parse failure as body-parser reports it: a 4xx that `graphql-gate.ts` answers as BAD_USER_INPUT. */
function badBody(message: string): Error & { status: number; type: string } {
  return Object.assign(new Error(message), { status: 400, type: 'entity.parse.failed' });
}

/** body-parser's strict mode: only an object or an array at the top. */
function parseStrict(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') throw badBody('The body is not a JSON object or array.');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badBody('The body is not valid JSON.');
  }
}

/**
 * The request body of /graphql. The common case — `application/json` in UTF-8, not
 * compressed, with a length within the limit — is read and parsed here, without
 * body-parser's per-request content-type, charset and decoder work; every other request
 * (compressed, another charset or type, no or a too large declared length, an empty
 * body) goes to `express.json`, which answers it as before.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const general = express.json({ limit: limitBytes });
  return (req: Request, res: Response, next: NextFunction) => {
    const length = Number(req.headers['content-length']);
    const type = req.headers['content-type'];
    if (!(length > 0 && length <= limitBytes) || !type || !PLAIN_JSON.has(type.toLowerCase()) || req.headers['content-encoding'] !== undefined) {
      general(req, res, next);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    const fail = (error: Error) => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      next(error);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (received !== length) return fail(Object.assign(new Error('request size did not match content length'), { status: 400, type: 'request.size.invalid' }));
      let text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
      // body-parser's UTF-8 decoder drops a byte-order mark
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      try {
        req.body = parseStrict(text);
      } catch (error) {
        return fail(error as Error);
      }
      next();
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', (error) => fail(Object.assign(error, { status: 400 })));
  };
}

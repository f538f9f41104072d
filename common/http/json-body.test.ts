import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { jsonBody, plainGraphQLPostLength } from './json-body';

const LIMIT = 200;

/** A parser's failure as it reports it: its status, type and message (what express's final handler or a gate shows). */
function reportError(error: { status?: number; type?: string; message?: string; name?: string }, _req: Request, res: Response, _next: NextFunction): void {
  res.status(error.status ?? 500).json({ error: { status: error.status, type: error.type, name: error.name, message: error.message } });
}

/** An app that answers with what its body parser made of the request (or its failure). */
async function serve(parser: RequestHandler): Promise<{ url: string; close(): void }> {
  const app = express();
  app.post('/graphql', parser, (req, res) => {
    res.json({ body: req.body as unknown });
  });
  app.use(reportError);
  const server = http.createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, close: () => server.close() };
}

async function post(url: string, body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}

const JSON_TYPE = { 'content-type': 'application/json' };
const CASES: [string, Buffer | string, Record<string, string>][] = [
  ['an object', '{"query":"{ a }","variables":{"n":1}}', JSON_TYPE],
  ['an array', '[{"query":"{ a }"}]', { 'content-type': 'application/json; charset=utf-8' }],
  ['a byte-order mark first', '\ufeff{"query":"{ a }"}', JSON_TYPE],
  ['white space first', '  \n {"query":"{ a }"}', JSON_TYPE],
  ['malformed JSON', '{"query":', JSON_TYPE],
  ['a string at the top', '"{ a }"', JSON_TYPE],
  ['a number after white space', ' \t42', JSON_TYPE],
  ['other white space first', '\u00a0{"query":"{ a }"}', JSON_TYPE],
  ['white space only', '  \n', JSON_TYPE],
  ['a byte-order mark only', '\ufeff', JSON_TYPE],
  ['a bad token inside', '{"query": nope}', JSON_TYPE],
  ['over the limit', JSON.stringify({ query: 'x'.repeat(LIMIT) }), JSON_TYPE],
  ['gzip', gzipSync('{"query":"{ a }"}'), { ...JSON_TYPE, 'content-encoding': 'gzip' }],
  ['another charset', '{"query":"{ a }"}', { 'content-type': 'application/json; charset=latin1' }],
  ['another media type', '{"query":"{ a }"}', { 'content-type': 'text/plain' }],
];

describe('jsonBody', () => {
  it.each(CASES)('answers %s exactly as express.json does', async (_name, body, headers) => {
    const [lean, general] = await Promise.all([serve(jsonBody(LIMIT)), serve(express.json({ limit: LIMIT }))]);
    try {
      const [a, b] = [await post(lean.url, body, headers), await post(general.url, body, headers)];
      expect(a).toEqual(b);
    } finally {
      lean.close();
      general.close();
    }
  });

  it('parses the common case itself', async () => {
    const lean = await serve(jsonBody(LIMIT));
    try {
      expect(await post(lean.url, '{"query":"{ a }"}', JSON_TYPE)).toEqual({ status: 200, text: '{"body":{"query":"{ a }"}}' });
      expect((await post(lean.url, '{"query":', JSON_TYPE)).status).toBe(400);
    } finally {
      lean.close();
    }
  });
});

describe('plainGraphQLPostLength', () => {
  const request = (method: string, url: string, headers: http.IncomingHttpHeaders = { 'content-type': 'application/json', 'content-length': '20' }) =>
    ({ method, url, headers }) as http.IncomingMessage;

  it.each([
    ['a POST of plain JSON to /graphql', request('POST', '/graphql'), 20],
    ['with a query string', request('POST', '/graphql?op=1'), 20],
    ['a GET', request('GET', '/graphql'), 0],
    ['a path below /graphql', request('POST', '/graphql/x'), 0],
    ['a trailing slash', request('POST', '/graphql/'), 0],
    ['another spelling', request('POST', '/GraphQL'), 0],
    ['a longer name', request('POST', '/graphqlx'), 0],
    ['another body', request('POST', '/graphql', { 'content-type': 'text/plain', 'content-length': '20' }), 0],
    ['a body over the limit', request('POST', '/graphql', { 'content-type': 'application/json', 'content-length': String(LIMIT + 1) }), 0],
  ])('%s', (_name, req, length) => {
    expect(plainGraphQLPostLength(req, LIMIT)).toBe(length);
  });
});

import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { createLogger } from '../../../common/log';
import { MedAllianceError, UnauthenticatedError } from '../../../common/errors';
import type { Caller } from '../../../common/auth/caller';
import type { ReceivedCall } from '../auth/verify-gateway-token';
import type { DatabaseHealth } from '../db/database-health';
import { serveSubgraph, type RunningSubgraph, type ServeSubgraphOptions, type SubgraphRequestBase } from './serve-subgraph';
// captured from the express path (express.json, expressMiddleware) before the lean one replaced it
import ANSWERS from './serve-subgraph.answers.json';

const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, SubgraphRequestBase>({
    name: 'Query',
    fields: {
      hello: { type: GraphQLString, resolve: () => 'world' },
      whoami: { type: GraphQLString, resolve: (_s, _a, context) => `${context.caller?.subject ?? 'nobody'} ${context.requestId}` },
      boom: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('internal detail');
        },
      },
      refused: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } });
        },
      },
    },
  }),
});

const SERVICE: Caller = { subject: 'gateway', role: 'service' };

/** Tokens of this test: `good` passes, `refused` fails with a code of ours, `crash` with a plain error. */
function authenticator(seen: ReceivedCall[]) {
  return async (call: ReceivedCall): Promise<Caller | null> => {
    seen.push(call);
    const value = call.headers.authorization;
    if (value === 'Bearer good') return SERVICE;
    if (value === 'Bearer refused') throw new MedAllianceError('FORBIDDEN', 'This token is for another subgraph.');
    if (value === 'Bearer crash') throw new Error('a detail of the verifier');
    throw new UnauthenticatedError('This subgraph accepts only calls from the alliance gateway.');
  };
}

/** A database that never connects: /graphql answers 503 with the service's unavailable code. */
function absentDatabase(): DatabaseHealth {
  return {
    dataSource: undefined as never,
    firstAttempt: Promise.resolve(),
    connected: new Promise<void>(() => undefined),
    state: () => 'unreachable',
    check: async () => false,
    close: async () => undefined,
  };
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Headers every answer has, whoever wrote it (Node's own). */
const NODE_HEADERS = new Set(['date', 'connection', 'keep-alive']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One request as sent on the wire, its answer with every header but Node's own. An error
 * page outside production carries the error's stack: its first line (the error) is kept,
 * the frames and with them the page's length are not part of the answer.
 */
function send(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${base}${path}`,
      { method, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          let text = Buffer.concat(chunks).toString('utf8');
          const out: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (NODE_HEADERS.has(name) || value === undefined) continue;
            out[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          if (out['x-request-id'] && UUID.test(out['x-request-id'])) out['x-request-id'] = '<new uuid>';
          const stack = /<pre>([^<]*?)<br>/.exec(text);
          if (stack) {
            text = `<pre>${stack[1]}</pre>`;
            delete out['content-length'];
          }
          resolve({ status: res.statusCode ?? 0, headers: out, body: text });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const GOOD = { ...JSON_TYPE, authorization: 'Bearer good' };
const HELLO = '{"query":"{ hello }"}';

type Case = [name: string, method: string, path: string, headers: Record<string, string>, body?: Buffer | string];

const CASES: Case[] = [
  ['a good query', 'POST', '/graphql', GOOD, HELLO],
  ["the caller's request id, kept", 'POST', '/graphql', { ...GOOD, 'x-request-id': 'req-42' }, '{"query":"{ whoami }"}'],
  ['an unsafe request id, replaced', 'POST', '/graphql', { ...GOOD, 'x-request-id': 'bad id!' }, HELLO],
  ['a query string', 'POST', '/graphql?a=1&b=2', GOOD, HELLO],
  ['charset=utf-8', 'POST', '/graphql', { ...GOOD, 'content-type': 'application/json; charset=utf-8' }, HELLO],
  ['upper case media type', 'POST', '/graphql', { ...GOOD, 'content-type': 'Application/JSON' }, HELLO],
  ['a byte-order mark', 'POST', '/graphql', GOOD, `\ufeff${HELLO}`],
  ['variables and an operation name', 'POST', '/graphql', GOOD, '{"query":"query Q { hello }","operationName":"Q","variables":{}}'],
  ['a resolver error (masked off)', 'POST', '/graphql', GOOD, '{"query":"{ hello boom }"}'],
  ['a refusal with a code', 'POST', '/graphql', GOOD, '{"query":"{ refused }"}'],
  ['a parse error', 'POST', '/graphql', GOOD, '{"query":"{ hello "}'],
  ['a validation error', 'POST', '/graphql', GOOD, '{"query":"{ nope }"}'],
  ['no query', 'POST', '/graphql', GOOD, '{"variables":{}}'],
  ['a batch', 'POST', '/graphql', GOOD, `[${HELLO}]`],
  ['malformed JSON', 'POST', '/graphql', GOOD, '{"query":'],
  ['a string at the top', 'POST', '/graphql', GOOD, '"{ hello }"'],
  ['a number at the top', 'POST', '/graphql', GOOD, ' 42'],
  ['an empty body', 'POST', '/graphql', GOOD, ''],
  ['over 1 MB', 'POST', '/graphql', GOOD, JSON.stringify({ query: `{ hello } #${'x'.repeat(1024 * 1024)}` })],
  ['gzip', 'POST', '/graphql', { ...GOOD, 'content-encoding': 'gzip' }, gzipSync(HELLO)],
  ['an unknown content encoding', 'POST', '/graphql', { ...GOOD, 'content-encoding': 'br2' }, HELLO],
  ['latin1', 'POST', '/graphql', { ...GOOD, 'content-type': 'application/json; charset=latin1' }, HELLO],
  ['text/plain', 'POST', '/graphql', { ...GOOD, 'content-type': 'text/plain' }, HELLO],
  ['no content type', 'POST', '/graphql', { authorization: 'Bearer good' }, HELLO],
  ['no token', 'POST', '/graphql', JSON_TYPE, HELLO],
  ['a refused token', 'POST', '/graphql', { ...JSON_TYPE, authorization: 'Bearer refused' }, HELLO],
  ['a verifier fault', 'POST', '/graphql', { ...JSON_TYPE, authorization: 'Bearer crash' }, HELLO],
  ['no token and malformed JSON', 'POST', '/graphql', JSON_TYPE, '{"query":'],
  ['a GET query', 'GET', '/graphql?query=%7B%20hello%20%7D', { authorization: 'Bearer good', 'apollo-require-preflight': 'true' }],
  ['a GET without preflight header', 'GET', '/graphql?query=%7B%20hello%20%7D', { authorization: 'Bearer good' }],
  ['a GET without token', 'GET', '/graphql?query=%7B%20hello%20%7D', {}],
  ['a conditional GET', 'GET', '/graphql?query=%7B%20hello%20%7D', { authorization: 'Bearer good', 'apollo-require-preflight': 'true', 'if-none-match': '*' }],
  [
    'a conditional GET by date',
    'GET',
    '/graphql?query=%7B%20hello%20%7D',
    { authorization: 'Bearer good', 'apollo-require-preflight': 'true', 'if-modified-since': 'Mon, 07 Dec 2026 18:00:00 GMT' },
  ],
  ['HEAD', 'HEAD', '/graphql', { authorization: 'Bearer good' }],
  ['PUT', 'PUT', '/graphql', GOOD, HELLO],
  ['a trailing slash', 'POST', '/graphql/', GOOD, HELLO],
  ['another case', 'POST', '/GraphQL', GOOD, HELLO],
  ['a path below', 'POST', '/graphql/x', GOOD, HELLO],
  ['an unknown path', 'POST', '/nope', GOOD, HELLO],
  ['GET of an unknown path', 'GET', '/nope', {}],
  ['health', 'GET', '/healthz', {}],
  ['readiness', 'GET', '/readyz', {}],
  ['the public contract', 'GET', '/contract', {}],
  ['an extra route', 'GET', '/extra', {}],
  ['graphql-response+json accepted', 'POST', '/graphql', { ...GOOD, accept: 'application/graphql-response+json' }, HELLO],
  ['a query asking for its SQL statement count', 'POST', '/graphql', { ...GOOD, 'x-medalliance-sql-statements': 'count' }, HELLO],
];

/** The test subgraph on a free port, with `options` beside the schema, a silent log and the request base as context. */
function startSubgraph(options: Partial<ServeSubgraphOptions<SubgraphRequestBase>>): Promise<RunningSubgraph> {
  return serveSubgraph<SubgraphRequestBase>({ name: 'test', schema, port: 0, logger: createLogger('test', 'silent'), createContext: (context) => context, ...options });
}

describe('serveSubgraph over HTTP', () => {
  const seen: ReceivedCall[] = [];
  let subgraph: RunningSubgraph;
  let base: string;

  beforeAll(async () => {
    subgraph = await startSubgraph({
      maskInternalErrors: false,
      authenticate: authenticator(seen),
      publicSdl: 'type Query { hello: String }',
      routes: (app) => app.get('/extra', (_req, res) => void res.json({ extra: true })),
    });
    base = subgraph.url.replace(/\/graphql$/, '');
  });
  afterAll(() => subgraph?.close());

  it('answers each request as the express path did', async () => {
    const answers: Record<string, Answer> = {};
    for (const [name, method, path, headers, body] of CASES) answers[name] = await send(base, method, path, headers, body);
    expect(answers).toEqual(ANSWERS.serving);
  });

  it('hands the authenticator the headers, the method, the parsed body and the query string', async () => {
    seen.length = 0;
    await send(base, 'POST', '/graphql?a=1', { ...GOOD, 'x-extra': 'yes' }, HELLO);
    expect(seen).toEqual([
      { headers: expect.objectContaining({ 'x-extra': 'yes', authorization: 'Bearer good' }), method: 'POST', body: { query: '{ hello }' }, query: { a: '1' } },
    ]);
  });
});

describe('serveSubgraph before its database is connected', () => {
  let subgraph: RunningSubgraph;
  let base: string;

  beforeAll(async () => {
    subgraph = await startSubgraph({
      authenticate: authenticator([]),
      database: absentDatabase(),
      unavailableCode: 'ALLIANCE_UNAVAILABLE',
    });
    base = subgraph.url.replace(/\/graphql$/, '');
  });
  afterAll(() => subgraph?.close());

  it('answers /graphql 503 with its unavailable code, and /readyz not ready', async () => {
    const answers: Record<string, Answer> = {};
    for (const [name, method, path, headers, body] of CASES.filter(([, , path]) => /^\/(graphql|readyz|healthz)/i.test(path)))
      answers[name] = await send(base, method, path, headers, body);
    expect(answers).toEqual(ANSWERS.databaseNotConnected);
  });
});

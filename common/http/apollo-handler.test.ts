import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type RequestHandler } from 'express';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { apolloHandler } from './apollo-handler';

interface Context {
  who: string;
}

const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, Context>({
    name: 'Query',
    fields: {
      hello: { type: GraphQLString, resolve: (_s, _a, context) => `hello ${context.who}` },
      boom: {
        type: GraphQLString,
        resolve: () => {
          throw new Error('boom');
        },
      },
    },
  }),
});

/** An express app answering /graphql with `handler` after express.json. */
async function serve(handler: RequestHandler): Promise<{ base: string; close(): void }> {
  const app = express();
  app.disable('etag');
  app.disable('x-powered-by');
  app.use('/graphql', express.json(), handler);
  const server = http.createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** Status, every header but Node's own, and body. */
function send(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = res.headers;
        resolve({ status: res.statusCode, headers: rest, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

const JSON_TYPE = { 'content-type': 'application/json' };
const GET_HELLO = '/graphql?query=%7B%20hello%20%7D';
const PREFLIGHT = { 'apollo-require-preflight': 'true' };
const CASES: [string, string, string, Record<string, string>, string | undefined][] = [
  ['a query', 'POST', '/graphql', JSON_TYPE, '{"query":"{ hello }"}'],
  ['graphql-response+json', 'POST', '/graphql', { ...JSON_TYPE, accept: 'application/graphql-response+json' }, '{"query":"{ hello }"}'],
  ['a resolver error', 'POST', '/graphql', JSON_TYPE, '{"query":"{ boom }"}'],
  ['a parse error', 'POST', '/graphql', JSON_TYPE, '{"query":"{ hello "}'],
  ['a batch', 'POST', '/graphql', JSON_TYPE, '[{"query":"{ hello }"}]'],
  ['text/plain', 'POST', '/graphql', { 'content-type': 'text/plain' }, '{"query":"{ hello }"}'],
  ['a GET', 'GET', GET_HELLO, PREFLIGHT, undefined],
  ['a GET with an odd query string', 'GET', "/graphql?query=%7B%20hello%20%7D&x='a'|b", PREFLIGHT, undefined],
  ['a GET without preflight', 'GET', GET_HELLO, {}, undefined],
  ['a conditional GET (any match)', 'GET', GET_HELLO, { ...PREFLIGHT, 'if-none-match': '*' }, undefined],
  ['a conditional GET, no-cache', 'GET', GET_HELLO, { ...PREFLIGHT, 'if-none-match': '*', 'cache-control': 'no-cache' }, undefined],
  ['a conditional GET (a tag)', 'GET', GET_HELLO, { ...PREFLIGHT, 'if-none-match': '"abc"' }, undefined],
  ['HEAD', 'HEAD', GET_HELLO, PREFLIGHT, undefined],
  ['PUT', 'PUT', '/graphql', JSON_TYPE, '{"query":"{ hello }"}'],
];

describe('apolloHandler', () => {
  let server: ApolloServer<Context>;
  beforeAll(async () => {
    server = new ApolloServer<Context>({ schema, csrfPrevention: true });
    await server.start();
  });
  afterAll(() => server.stop());

  it.each(CASES)('answers %s exactly as expressMiddleware does (with notModifiedOnAnyMatch)', async (_name, method, path, headers, body) => {
    const context = async () => ({ who: 'you' });
    const [lean, general] = await Promise.all([serve(apolloHandler(server, context, { notModifiedOnAnyMatch: true })), serve(expressMiddleware(server, { context }))]);
    try {
      expect(await send(lean.base, method, path, headers, body)).toEqual(await send(general.base, method, path, headers, body));
    } finally {
      lean.close();
      general.close();
    }
  });

  it('answers a conditional GET in full without notModifiedOnAnyMatch', async () => {
    const lean = await serve(apolloHandler(server, async () => ({ who: 'you' })));
    try {
      expect(await send(lean.base, 'GET', GET_HELLO, { ...PREFLIGHT, 'if-none-match': '*' })).toMatchObject({ status: 200, body: '{"data":{"hello":"hello you"}}\n' });
    } finally {
      lean.close();
    }
  });
});

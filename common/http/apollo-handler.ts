import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';

/** A request whose body a reader before the handler has parsed (`json-body.ts`); express's Request is one. */
export interface ParsedRequest extends IncomingMessage {
  body?: unknown;
}

export interface ApolloHandlerOptions {
  /**
   * Answer a successful GET carrying `If-None-Match: *` with 304 and no body, as express's
   * `res.send` does (its freshness check, with no ETag of ours): the subgraphs answered so.
   */
  notModifiedOnAnyMatch?: boolean;
}

/** The query string of a request target, `?` included, as Apollo reads it for GET. */
function searchOf(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return '';
  const end = url.indexOf('#', start);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}

/** The request's headers as Apollo takes them: names lower case, repeated values joined. */
function headersOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const name in req.headers) {
    const value = req.headers[name];
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

const NO_CACHE = /(?:^|,)\s*?no-cache\s*?(?:,|$)/;

/** express's `req.fresh` for an answer without ETag or Last-Modified: only `If-None-Match: *` matches. */
function matchesAny(req: IncomingMessage, status: number): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (!((status >= 200 && status < 300) || status === 304)) return false;
  const cacheControl = req.headers['cache-control'];
  return req.headers['if-none-match'] === '*' && !(cacheControl && NO_CACHE.test(cacheControl));
}

/**
 * Hands a GraphQL request to Apollo Server and writes its answer, as
 * `@as-integrations/express5` does, without its per-request `url.parse` and express's
 * `res.send` (charset re-parsing, freshness check): the answer's status, headers and
 * body are Apollo's, written once with its length. Any Node request and response serve,
 * express's included, so that a server can reach it without a router.
 */
export function apolloHandler<C extends BaseContext, Req extends ParsedRequest = ParsedRequest, Res extends ServerResponse = ServerResponse>(
  server: ApolloServer<C>,
  contextOf: (req: Req, res: Res) => Promise<C>,
  options: ApolloHandlerOptions = {},
): (req: Req, res: Res) => Promise<void> {
  server.assertStarted('apolloHandler()');
  return async (req, res) => {
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: (req.method ?? '').toUpperCase(), headers: headersOf(req), search: searchOf(req.url ?? ''), body: req.body };
    const answer = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => contextOf(req, res) });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status || 200;
    if (answer.body.kind === 'complete') {
      if (options.notModifiedOnAnyMatch && matchesAny(req, res.statusCode)) {
        res.statusCode = 304;
        res.removeHeader('content-type');
        res.end();
        return;
      }
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

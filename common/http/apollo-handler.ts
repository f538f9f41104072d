import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { Request, RequestHandler, Response } from 'express';
import type { GatewayContext } from '../gateway-context';
import type { ContextOf } from './request-context';

/** The query string of a request target, `?` included, as Apollo reads it for GET. */
function searchOf(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return '';
  const end = url.indexOf('#', start);
  return end < 0 ? url.slice(start) : url.slice(start, end);
}

/** The request's headers as Apollo takes them: names lower case, repeated values joined. */
function headersOf(req: Request): HeaderMap {
  const headers = new HeaderMap();
  for (const name in req.headers) {
    const value = req.headers[name];
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * Hands a /graphql request to Apollo Server and writes its answer, as
 * `@as-integrations/express5` does, without its per-request `url.parse` and express's
 * `res.send` (charset re-parsing, freshness check): the answer's status, headers and
 * body are Apollo's, written once with its length.
 */
export function apolloHandler(server: ApolloServer<GatewayContext>, contextOf: ContextOf): RequestHandler {
  server.assertStarted('apolloHandler()');
  return async (req: Request, res: Response) => {
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method.toUpperCase(), headers: headersOf(req), search: searchOf(req.url), body: req.body };
    const answer = await server.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => contextOf(req, res) });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status || 200;
    if (answer.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(answer.body.string));
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
}

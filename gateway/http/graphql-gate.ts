import type { NextFunction, Request, Response } from 'express';
import { BadUserInputError, formatError, type MedAllianceError } from '../../common/errors';
import { lexicalCounts } from '../plugins/limits/count-tokens';
import { limitError } from '../plugins/limits/too-complex';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** A refusal before Apollo sees the request, in the same shape as any GraphQL error. */
export function sendGraphQLError(req: Request, res: Response, status: number, error: MedAllianceError): void {
  const type = req.accepts([GRAPHQL_RESPONSE, 'application/json']) === GRAPHQL_RESPONSE ? GRAPHQL_RESPONSE : 'application/json';
  res
    .status(status)
    .type(type)
    .send(JSON.stringify({ errors: [formatError({ message: error.message }, error, { maskInternal: false })] }));
}

/**
 * Body parser failures as GraphQL errors: a body over the limit is HTTP 413
 * QUERY_TOO_COMPLEX (`limit: bodySize`), malformed JSON is 400 BAD_USER_INPUT.
 */
export function bodyErrors(bodyLimitBytes: number) {
  return (error: { type?: string; status?: number }, req: Request, res: Response, next: NextFunction) => {
    if (error.type === 'entity.too.large') {
      sendGraphQLError(req, res, 413, limitError('bodySize', bodyLimitBytes, `The request body exceeds ${bodyLimitBytes} bytes.`));
      return;
    }
    if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      sendGraphQLError(req, res, 400, new BadUserInputError('The request body is not valid JSON.'));
      return;
    }
    next(error);
  };
}

/**
 * Counts the document's tokens and directive uses before anything parses it (OWASP: a
 * huge document costs the parser and validation even when every limit would refuse it
 * afterwards; directive overloading would get one validation error per directive).
 * Returns the refusal (a 400), or undefined for a document within both limits or no
 * document at all (Apollo answers that).
 */
export function tokenRefusal(query: unknown, maxTokens: number, maxDirectives = Infinity): MedAllianceError | undefined {
  if (typeof query !== 'string') return undefined;
  const counts = lexicalCounts(query, maxTokens);
  if (counts.tokens > maxTokens) return limitError('tokens', maxTokens, `The document has more than ${maxTokens} tokens.`);
  if (counts.directives > maxDirectives) return limitError('directives', maxDirectives, `The document uses more than ${maxDirectives} directives.`);
  return undefined;
}

/** The document of a POST body (not of a batch). */
export function postedQuery(body: unknown): unknown {
  return !Array.isArray(body) ? (body as { query?: unknown } | undefined)?.query : undefined;
}

/** `tokenRefusal` as middleware, for GET (the query string) and POST (the parsed body). */
export function tokenGate(maxTokens: number, maxDirectives = Infinity) {
  return (req: Request, res: Response, next: NextFunction) => {
    const refusal = tokenRefusal(req.method === 'GET' ? req.query.query : postedQuery(req.body), maxTokens, maxDirectives);
    if (refusal) {
      sendGraphQLError(req, res, 400, refusal);
      return;
    }
    next();
  };
}

import { GraphQLError, type ASTNode } from 'graphql';
import { QueryTooComplexError } from '../../../common/errors';

/** The names a refused operation reports in `extensions.limit`. */
export type LimitName = 'depth' | 'aliases' | 'directives' | 'tokens' | 'cost' | 'duplicateFields' | 'bodySize' | 'introspection';

export function limitError(limit: LimitName, max: number, message: string): QueryTooComplexError {
  return new QueryTooComplexError(message, { limit, max });
}

/**
 * A limit's refusal as a validation error: HTTP 400, and the typed error underneath so
 * that `formatError` answers QUERY_TOO_COMPLEX with `limit` and `max`.
 */
export function tooComplex(limit: LimitName, max: number, message: string, nodes?: readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, originalError: limitError(limit, max, message), extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } } });
}

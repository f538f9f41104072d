import type { GraphQLFormattedError } from 'graphql';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * With introspection off, graphql-js's "Did you mean …?" hints would still leak the
 * schema field by field (OWASP GraphQL); they are cut from every error message. Part of
 * the gateway's one error mapper (start-gateway.ts), so that it covers every answer,
 * the fast path's included.
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(SUGGESTION, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}

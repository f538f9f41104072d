import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../gateway-context';

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * With introspection off, graphql-js's "Did you mean …?" hints would still leak the
 * schema field by field (OWASP GraphQL); they are cut from every error message.
 */
export function blockFieldSuggestionsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = error.message.replace(SUGGESTION, '');
        },
      };
    },
  };
}

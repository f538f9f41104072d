import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../gateway-context';

/**
 * A refused request (no `data`: parse or validation errors) answers with its first few
 * errors only. graphql-js reports every problem of a document, so ten unknown or repeated
 * directives are ten errors: an amplifier GraphQL Cop flags as directive overloading.
 * Answers with data keep every error: those name the parts that are missing.
 */
export function requestErrorsCapPlugin(max = 3): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.data === undefined && result.errors && result.errors.length > max) result.errors = result.errors.slice(0, max);
        },
      };
    },
  };
}

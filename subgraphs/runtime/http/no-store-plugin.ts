import type { ApolloServerPlugin } from '@apollo/server';

/**
 * `cache-control: no-store` on every answer, as Apollo's cache-control plugin sent it:
 * no field of ours carries a cache hint, so its policy was never cacheable. That plugin
 * ran a hook on every resolved field (a policy object and closures each), which is what
 * made Apollo wrap every resolver; it is switched off and this header kept.
 */
export function noStorePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

/** A root list the caller may not read: answered as `[]`, reported as FORBIDDEN on its path. */
export interface DeniedRootList {
  message: string;
  path: (string | number)[];
}

export interface DeniedRootListsContext {
  deniedRootLists: DeniedRootList[];
}

/**
 * The contract's root lists are non-null (`[SharedResource!]!`), so a thrown FORBIDDEN
 * there would null this member's whole answer, and the gateway would lose the fields the
 * caller may read (DESIGN 5: denied paths FORBIDDEN, the rest answered). The guard
 * answers such a field with an empty list instead; this plugin adds the FORBIDDEN error
 * for its path to the response.
 */
export function deniedRootListsPlugin<C extends DeniedRootListsContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const denied = contextValue.deniedRootLists;
          if (!denied?.length || response.body.kind !== 'single') return;
          const body = response.body.singleResult;
          const errors: GraphQLFormattedError[] = denied.map((d) => ({ message: d.message, path: d.path, extensions: { code: 'FORBIDDEN' } }));
          body.errors = [...(body.errors ?? []), ...errors];
        },
      };
    },
  };
}

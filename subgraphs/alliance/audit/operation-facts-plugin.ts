import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

export interface OperationFactsContext extends BaseContext {
  operationHash: string;
}

/**
 * Puts the sha256 of the operation document on the context before any resolver runs, so
 * a write's audit row (written inside the resolver's transaction) carries the same
 * operation hash `auditPlugin` gives the request's read row.
 */
export function operationFactsPlugin<C extends OperationFactsContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, source }) {
          contextValue.operationHash = createHash('sha256').update(source ?? '').digest('hex');
        },
      };
    },
  };
}

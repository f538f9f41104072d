import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

export interface OperationFactsContext extends BaseContext {
  operationHash: string;
  operationName: string | null;
}

/** sha256 of an operation document (without its variables), as audit rows name it. */
export function operationHashOf(source: string | undefined): string {
  return createHash('sha256')
    .update(source ?? '')
    .digest('hex');
}

/**
 * Puts the operation's name and the sha256 of its document on the context before any
 * resolver runs, so a write's audit row (written inside the resolver's transaction)
 * carries the same facts `auditPlugin` gives the request's read row.
 */
export function operationFactsPlugin<C extends OperationFactsContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, source, operationName }) {
          contextValue.operationHash = operationHashOf(source);
          contextValue.operationName = operationName ?? null;
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { currentTally } from '../db/statement-counter';

export const STATEMENT_COUNT_HEADER = 'x-medalliance-sql-statements';

/**
 * Reports how many SQL statements served the request in a response header, so tests and
 * the bench can prove the count depends on the query's shape, not on the rows. Only a
 * request that carries the header itself (any value) is counted: counting costs every
 * request served meanwhile (`countStatements`).
 */
export function statementCountPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const tally = currentTally();
          if (tally) response.http.headers.set(STATEMENT_COUNT_HEADER, String(tally.count));
        },
      };
    },
  };
}

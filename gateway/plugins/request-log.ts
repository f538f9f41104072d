import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from '../../common/log';
import type { GatewayContext } from '../gateway-context';

/** An error's `extensions.code` (always a string where the project writes it, DESIGN 5). */
function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/**
 * One log line per GraphQL request: operation, duration, error codes. Never variables,
 * names, MRNs or result values (PHI); the codes say what went wrong. Answers of the fast
 * path's step (`fast-path/`) are logged here too: it is a step of the same pipeline.
 */
function logGraphQLRequest(logger: Logger, operationName: string | null | undefined, startedNs: bigint, errors: readonly GraphQLFormattedError[] | undefined): void {
  const codes = (errors ?? []).map(codeOf);
  const durationMs = Number(process.hrtime.bigint() - startedNs) / 1e6;
  logger.info(
    { operationName: operationName ?? null, durationMs: Math.round(durationMs * 10) / 10, errorCodes: codes.length > 0 ? [...new Set(codes)] : undefined },
    'graphql request',
  );
}

export function requestLogPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          logGraphQLRequest(contextValue.logger, operationName, started, body?.errors ?? errors);
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../gateway-context';

/**
 * One log line per GraphQL request: operation, duration, error codes. Never variables,
 * names, MRNs or result values (PHI); the codes say what went wrong.
 */
export function requestLogPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ response, operationName, errors }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const codes = (body?.errors ?? errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          contextValue.logger.info({ operationName: operationName ?? null, durationMs: Math.round(durationMs * 10) / 10, errorCodes: codes.length > 0 ? [...new Set(codes)] : undefined }, 'graphql request');
        },
      };
    },
  };
}

import type { SubgraphRequestBody } from '../../common/auth/gateway-token';
import type { GatewayContext } from '../gateway-context';
import { GATEWAY_SERVICE_CALLER, type SubgraphSigner } from './subgraph-signer';

/**
 * Authorization for every call the gateway makes (DESIGN 5): a caller's request carries a
 * token signed for exactly the subgraph called (never the caller's own token); the
 * gateway's own calls (registry poll, contract check) carry a service token.
 *
 * Every call gets its own token: a subgraph accepts a token once and only for the
 * operation and variables it was signed for, so no token is cached or reused, and a
 * call that is sent again (a retry) must ask for a new one. A token names one request,
 * so it carries the request id (`rid`) as well as the `x-request-id` header. Plain
 * functions: the data sources are handed them as they are.
 */
export interface SubgraphCallAuth {
  /** At once, not a promise: a broadcast signs one token per member call. */
  readonly forMember: (hospitalId: string, context: GatewayContext, request: SubgraphRequestBody) => string | undefined;
  readonly forAlliance: (context: GatewayContext, request: SubgraphRequestBody) => Promise<string | undefined>;
  readonly serviceForMember: (hospitalId: string, request: SubgraphRequestBody) => Promise<Record<string, string>>;
  readonly serviceForAlliance: (request: SubgraphRequestBody) => Promise<Record<string, string>>;
}

export function signSubgraphCalls(signer: SubgraphSigner): SubgraphCallAuth {
  return {
    forMember(hospitalId, context, request) {
      const caller = context.caller;
      return caller ? signer.forHospital(hospitalId, caller, request, context.requestId) : undefined;
    },
    async forAlliance(context, request) {
      const caller = context.caller;
      return caller ? signer.forAlliance(caller, request, context.requestId) : undefined;
    },
    async serviceForMember(hospitalId, request) {
      return { authorization: signer.forHospital(hospitalId, GATEWAY_SERVICE_CALLER, request) };
    },
    async serviceForAlliance(request) {
      return { authorization: await signer.forAlliance(GATEWAY_SERVICE_CALLER, request) };
    },
  };
}

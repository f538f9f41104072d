import type { GatewayContext } from '../gateway-context';
import { GATEWAY_SERVICE_CALLER, type SubgraphSigner } from './subgraph-signer';

/**
 * Authorization for every call the gateway makes (DESIGN 5): a caller's request carries a
 * token signed for exactly the subgraph called (never the caller's own token); the
 * gateway's own calls (registry poll, contract check) carry a service token. Tokens are
 * cached per request and audience: one request may fetch from one member several times.
 */
export interface SubgraphCallAuth {
  forMember(hospitalId: string, context: GatewayContext): Promise<string | undefined>;
  forAlliance(context: GatewayContext): Promise<string | undefined>;
  serviceForMember(hospitalId: string): Promise<Record<string, string>>;
  serviceForAlliance(): Promise<Record<string, string>>;
}

export function signSubgraphCalls(signer: SubgraphSigner): SubgraphCallAuth {
  const cached = (context: GatewayContext, audience: string, sign: () => Promise<string>): Promise<string> => {
    const tokens = (context.subgraphTokens ??= new Map());
    let token = tokens.get(audience);
    if (!token) tokens.set(audience, (token = sign()));
    return token;
  };
  return {
    async forMember(hospitalId, context) {
      const caller = context.caller;
      return caller ? cached(context, `hospital:${hospitalId}`, () => signer.forHospital(hospitalId, caller, context.requestId)) : undefined;
    },
    async forAlliance(context) {
      const caller = context.caller;
      return caller ? cached(context, 'alliance', () => signer.forAlliance(caller, context.requestId)) : undefined;
    },
    async serviceForMember(hospitalId) {
      return { authorization: await signer.forHospital(hospitalId, GATEWAY_SERVICE_CALLER) };
    },
    async serviceForAlliance() {
      return { authorization: await signer.forAlliance(GATEWAY_SERVICE_CALLER) };
    },
  };
}

import type { Caller, MemberStatus } from '../../subgraphs/runtime/auth/caller';
import type { GatewayContext } from '../gateway-context';
import { GATEWAY_SERVICE_CALLER, type SubgraphSigner } from './subgraph-signer';

/**
 * Authorization for every call the gateway makes (DESIGN 5): a caller's request carries a
 * token signed for exactly the subgraph called (never the caller's own token); the
 * gateway's own calls (registry poll, contract check) carry a service token.
 *
 * Signing (an async ES256 job) was about a third of the gateway's crypto per request under
 * load, so a token is reused for the same caller claims and audience for half of its 60 s
 * life. A reused token cannot name one request, so it carries no request id; the request
 * id reaches the subgraph in `x-request-id`, which is what its log and audit use.
 */
export interface SubgraphCallAuth {
  forMember(hospitalId: string, context: GatewayContext): Promise<string | undefined>;
  forAlliance(context: GatewayContext): Promise<string | undefined>;
  serviceForMember(hospitalId: string): Promise<Record<string, string>>;
  serviceForAlliance(): Promise<Record<string, string>>;
}

export const TOKEN_REUSE_MS = 30_000;
/** Bounded: one entry per (caller, audience) seen in the last 30 s. */
const MAX_CACHED_TOKENS = 10_000;

function callerKey(caller: Caller, audience: string): string {
  return JSON.stringify([audience, caller.subject, caller.role, caller.hospitalId ?? null, caller.staffId ?? null, caller.purpose ?? null, caller.memberStatus ?? null]);
}

/** The registry status of a hospital as this gateway knows it (its registry lists ACTIVE members only). */
export type MemberStatusOf = (hospitalId: string) => MemberStatus;

/**
 * The caller as the subgraphs should see it: a caller acting for a hospital carries the
 * registry's word on that hospital (`memberStatus`, DESIGN 5), whatever its own token said.
 */
function withMemberStatus(caller: Caller, memberStatusOf: MemberStatusOf | undefined): Caller {
  const { memberStatus: _claimed, ...rest } = caller;
  if (!caller.hospitalId || !memberStatusOf) return rest;
  return { ...rest, memberStatus: memberStatusOf(caller.hospitalId) };
}

export function signSubgraphCalls(signer: SubgraphSigner, now: () => number = Date.now, memberStatusOf?: MemberStatusOf): SubgraphCallAuth {
  const tokens = new Map<string, { value: Promise<string>; until: number }>();
  const cached = (caller: Caller, audience: string, sign: () => Promise<string>): Promise<string> => {
    const key = callerKey(caller, audience);
    const hit = tokens.get(key);
    const at = now();
    if (hit && hit.until > at) return hit.value;
    if (tokens.size >= MAX_CACHED_TOKENS) for (const [k, entry] of tokens) if (entry.until <= at || tokens.size >= MAX_CACHED_TOKENS) tokens.delete(k);
    const value = sign();
    tokens.set(key, { value, until: at + TOKEN_REUSE_MS });
    // a failed signature must not be served for the next 30 s
    value.catch(() => tokens.delete(key));
    return value;
  };
  return {
    async forMember(hospitalId, context) {
      const caller = context.caller && withMemberStatus(context.caller, memberStatusOf);
      return caller ? cached(caller, `hospital:${hospitalId}`, () => signer.forHospital(hospitalId, caller)) : undefined;
    },
    async forAlliance(context) {
      const caller = context.caller && withMemberStatus(context.caller, memberStatusOf);
      return caller ? cached(caller, 'alliance', () => signer.forAlliance(caller)) : undefined;
    },
    async serviceForMember(hospitalId) {
      return { authorization: await signer.forHospital(hospitalId, GATEWAY_SERVICE_CALLER) };
    },
    async serviceForAlliance() {
      return { authorization: await signer.forAlliance(GATEWAY_SERVICE_CALLER) };
    },
  };
}

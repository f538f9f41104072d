import { ALLIANCE_AUDIENCE, GATEWAY_KEY_NAME, hospitalAudience, signGatewayTokenForHash, type SubgraphRequestBody } from '../../common/auth/gateway-token';
import { loadOrCreateSigningKey, type SigningKey } from '../../common/auth/key-store';
import type { Caller } from '../../common/auth/caller';
import { requestHash } from '../../common/auth/request-hash';
import { previousPublicKeys } from './previous-keys';

/** The gateway itself, e.g. when it polls the registry or checks a member's SDL. */
export const GATEWAY_SERVICE_CALLER: Caller = { subject: 'medalliance-gateway', role: 'service' };

export interface SubgraphSigner {
  /** `Authorization` header value for one call (`request`, exactly as posted) to the alliance subgraph. */
  forAlliance(caller: Caller, request: SubgraphRequestBody, requestId?: string): Promise<string>;
  /**
   * `Authorization` header value for one call (`request`, exactly as posted) to one
   * member's hospital subgraph. At once, not a promise: a broadcast signs one per member.
   */
  forHospital(hospitalId: string, caller: Caller, request: SubgraphRequestBody, requestId?: string): string;
  /** Public keys the subgraphs verify against (served at /.well-known/jwks.json): the current key, then the previous one. */
  jwks(): { keys: SigningKey['publicJwk'][] };
}

/**
 * Signs the short-lived per-call tokens (DESIGN 5): audience = the one subgraph called,
 * so a token captured at one member is useless at another; bound to the one request and
 * accepted once, so it is useless for a replay or another query at the same member. The signing key is read at
 * start; a rotated key is used after a restart, while the JWKS keeps the previous one.
 */
export async function createSubgraphSigner(dataDir: string): Promise<SubgraphSigner> {
  const key = await loadOrCreateSigningKey(dataDir, GATEWAY_KEY_NAME);
  // a broadcast sends one request object to every member: its hash is taken once (requests are never changed once made)
  const hashes = new WeakMap<SubgraphRequestBody, string>();
  const hashOf = (request: SubgraphRequestBody) => {
    let hash = hashes.get(request);
    if (hash === undefined) hashes.set(request, (hash = requestHash(request)));
    return hash;
  };
  const sign = (audience: string, caller: Caller, request: SubgraphRequestBody, requestId?: string) =>
    `Bearer ${signGatewayTokenForHash(key, caller, audience, hashOf(request), requestId)}`;
  return {
    forAlliance: async (caller, request, requestId) => sign(ALLIANCE_AUDIENCE, caller, request, requestId),
    forHospital: (hospitalId, caller, request, requestId) => sign(hospitalAudience(hospitalId), caller, request, requestId),
    jwks: () => ({ keys: [key.publicJwk, ...previousPublicKeys(dataDir, GATEWAY_KEY_NAME).filter((k) => k.kid !== key.kid)] }),
  };
}

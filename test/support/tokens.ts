/**
 * Request headers that a subgraph accepts, for subgraph tests: a real ES256 token signed
 * with the dev gateway key under `dataDir` (created if absent), exactly as the gateway
 * signs it: for one request (the query and variables posted next), accepted once. Usage:
 *
 *   const headers = await gatewayHeaders({ subject: 'dr-li', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT' },
 *                                        { dataDir, audience: hospitalAudience('dh-lead') }, { query, variables });
 *   await postGraphQL(url, query, variables, headers);
 *
 * Audiences: `hospitalAudience(id)` → 'hospital:<id>', `ALLIANCE_AUDIENCE` → 'alliance'.
 */
import { GATEWAY_KEY_NAME, signGatewayToken, type SubgraphRequestBody } from '../../common/auth/gateway-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import type { Caller } from '../../common/auth/caller';

export { ALLIANCE_AUDIENCE, hospitalAudience } from '../../common/auth/gateway-token';

export async function gatewayHeaders(caller: Caller, options: { dataDir: string; audience: string }, request: SubgraphRequestBody): Promise<Record<string, string>> {
  const key = await loadOrCreateSigningKey(options.dataDir, GATEWAY_KEY_NAME);
  return { authorization: `Bearer ${await signGatewayToken(key, caller, options.audience, request)}` };
}

export const CALLERS = {
  /** A clinician of an ACTIVE member, as the gateway states it (`memberStatus`). */
  clinician: (hospitalId: string): Caller => ({ subject: `clinician-${hospitalId}`, role: 'clinician', hospitalId, purpose: 'TREATMENT', memberStatus: 'ACTIVE' }),
  admin: (): Caller => ({ subject: 'admin-1', role: 'admin', hospitalId: 'dh-lead' }),
  analyst: (): Caller => ({ subject: 'analyst-1', role: 'analyst' }),
  dashboard: (): Caller => ({ subject: 'dashboard-1', role: 'dashboard' }),
  service: (): Caller => ({ subject: 'gateway', role: 'service' }),
};

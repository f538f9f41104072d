import { DEV_ISSUER_KEY_NAME, issueDevToken } from '../../common/auth/caller-token';
import { GATEWAY_KEY_NAME, signGatewayToken } from '../../common/auth/gateway-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import type { Caller } from '../../subgraphs/runtime/auth/caller';

/** The caller every workload runs as: directory and statistics, never PHI. */
export const ANALYST: Caller = { subject: 'bench-analyst', role: 'analyst' };
/** The caller of the cross-hospital patient query (PHI needs a clinician with a purpose). */
export const CLINICIAN: Caller = { subject: 'bench-clinician@dh-lead', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT', memberStatus: 'ACTIVE' };

/** Gateway tokens live 60 s; a bench run is longer, so the header is re-signed every 20 s. */
const REFRESH_MS = 20_000;

/**
 * `Authorization` for a call straight to a subgraph, signed with the gateway's key as
 * the gateway would; what the direct and the third-party gateway baselines send.
 */
export async function gatewayAuthorization(dataDir: string, caller: Caller, audience: string): Promise<() => string> {
  const key = await loadOrCreateSigningKey(dataDir, GATEWAY_KEY_NAME);
  let value = `Bearer ${await signGatewayToken(key, caller, audience)}`;
  const timer = setInterval(() => {
    void signGatewayToken(key, caller, audience).then((token) => (value = `Bearer ${token}`));
  }, REFRESH_MS);
  timer.unref();
  return () => value;
}

/** Headers of a caller of our gateway: a dev-issuer token, as `medalliance token` prints it. */
export async function callerHeaders(dataDir: string, role: 'analyst' | 'clinician', hospitalId?: string): Promise<Record<string, string>> {
  const key = await loadOrCreateSigningKey(dataDir, DEV_ISSUER_KEY_NAME);
  const token = await issueDevToken(key, { role, hospitalId, ttl: '1h', subject: `bench-${role}` });
  return { authorization: `Bearer ${token}`, ...(role === 'clinician' ? { 'x-purpose-of-use': 'TREATMENT' } : {}) };
}

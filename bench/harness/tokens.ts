import { createPrivateKey, randomUUID, sign, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEV_ISSUER_KEY_NAME, issueDevToken } from '../../common/auth/caller-token';
import { GATEWAY_ISSUER, GATEWAY_KEY_NAME, GATEWAY_TOKEN_TTL_SECONDS, type SubgraphRequestBody } from '../../common/auth/gateway-token';
import { devKeyFile, loadOrCreateSigningKey } from '../../common/auth/key-store';
import { requestHash } from '../../common/auth/request-hash';
import type { Caller } from '../../common/auth/caller';

/** The caller every workload runs as: directory and statistics, never PHI. */
export const ANALYST: Caller = { subject: 'bench-analyst', role: 'analyst' };
/** The caller of the cross-hospital patient query (PHI needs a clinician with a purpose). */
export const CLINICIAN: Caller = { subject: 'bench-clinician@dh-lead', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT', memberStatus: 'ACTIVE' };

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * `Authorization` for one call straight to a subgraph, signed with the gateway's key as
 * the gateway signs it (a subgraph accepts a token once, for one body). Synchronous, so
 * that a load generator can sign inside its per-request hook; what the direct and the
 * third-party gateway baselines send.
 */
export async function gatewayAuthorization(dataDir: string, caller: Caller, audience: string): Promise<(request: SubgraphRequestBody) => string> {
  const { kid } = await loadOrCreateSigningKey(dataDir, GATEWAY_KEY_NAME);
  const privateKey = createPrivateKey({ key: JSON.parse(readFileSync(devKeyFile(dataDir, GATEWAY_KEY_NAME), 'utf8')) as JsonWebKey, format: 'jwk' });
  const header = part({ alg: 'ES256', kid });
  return (request) => {
    const iat = Math.floor(Date.now() / 1000);
    const claims = {
      role: caller.role,
      ...(caller.hospitalId ? { hospitalId: caller.hospitalId } : {}),
      ...(caller.purpose ? { purpose: caller.purpose } : {}),
      ...(caller.memberStatus ? { memberStatus: caller.memberStatus } : {}),
      req_hash: requestHash(request),
      sub: caller.subject,
      iss: GATEWAY_ISSUER,
      aud: audience,
      jti: randomUUID(),
      iat,
      exp: iat + GATEWAY_TOKEN_TTL_SECONDS,
    };
    const signingInput = `${header}.${part(claims)}`;
    const signature = sign('sha256', Buffer.from(signingInput), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    return `Bearer ${signingInput}.${signature}`;
  };
}

/** Headers of a caller of our gateway: a dev-issuer token, as `medalliance token` prints it. */
export async function callerHeaders(dataDir: string, role: 'analyst' | 'clinician', hospitalId?: string): Promise<Record<string, string>> {
  const key = await loadOrCreateSigningKey(dataDir, DEV_ISSUER_KEY_NAME);
  const token = await issueDevToken(key, { role, hospitalId, ttl: '1h', subject: `bench-${role}` });
  return { authorization: `Bearer ${token}`, ...(role === 'clinician' ? { 'x-purpose-of-use': 'TREATMENT' } : {}) };
}

import { DEV_ISSUER_KEY_NAME, issueDevToken } from '../../../common/auth/caller-token';
import { loadOrCreateSigningKey } from '../../../common/auth/key-store';

export type PersonRole = 'clinician' | 'analyst' | 'dashboard' | 'admin';

/**
 * Headers of a caller with a dev token from the issuer key under `dataDir`, as
 * `medalliance token` prints it; a clinician also states a purpose of use.
 */
export async function callerHeaders(
  dataDir: string,
  role: PersonRole = 'analyst',
  hospitalId?: string,
  extra: { staffId?: string; subject?: string } = {},
): Promise<Record<string, string>> {
  const key = await loadOrCreateSigningKey(dataDir, DEV_ISSUER_KEY_NAME);
  const token = await issueDevToken(key, { role, hospitalId: hospitalId ?? (role === 'clinician' ? 'dh-lead' : undefined), ttl: '1h', ...extra });
  return { authorization: `Bearer ${token}`, ...(role === 'clinician' ? { 'x-purpose-of-use': 'TREATMENT' } : {}) };
}

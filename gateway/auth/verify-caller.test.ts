import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { DEV_CALLER_AUDIENCE, DEV_ISSUER, DEV_ISSUER_KEY_NAME, issueDevToken } from '../../common/auth/caller-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { createCallerVerifier } from './verify-caller';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'medalliance-caller-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

async function devToken(claims: Record<string, unknown>, audience = DEV_CALLER_AUDIENCE, expSecondsFromNow = 600) {
  const key = await loadOrCreateSigningKey(dataDir, DEV_ISSUER_KEY_NAME);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setSubject('someone')
    .setIssuer(DEV_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expSecondsFromNow)
    .sign(key.privateKey);
}

describe('caller verification at the gateway', () => {
  it('accepts a dev token and adds the purpose of use from the header', async () => {
    const key = await loadOrCreateSigningKey(dataDir, DEV_ISSUER_KEY_NAME);
    const token = await issueDevToken(key, { role: 'clinician', hospitalId: 'dh-lead', staffId: 's1' });
    const caller = await createCallerVerifier({ dataDir })({ authorization: `Bearer ${token}`, 'x-purpose-of-use': 'treatment' });
    expect(caller).toEqual({ subject: 'clinician-s1@dh-lead', role: 'clinician', hospitalId: 'dh-lead', staffId: 's1', purpose: 'TREATMENT' });
  });

  it.each([
    ['no header', async () => ({})],
    ['a non-bearer header', async () => ({ authorization: 'Basic x' })],
    ['a malformed token', async () => ({ authorization: 'Bearer abc.def' })],
    ['an expired token', async () => ({ authorization: `Bearer ${await devToken({ role: 'analyst' }, DEV_CALLER_AUDIENCE, -60)}` })],
    ['a wrong audience', async () => ({ authorization: `Bearer ${await devToken({ role: 'analyst' }, 'someone-else')}` })],
    ['an unknown role', async () => ({ authorization: `Bearer ${await devToken({ role: 'superuser' })}` })],
    ['the reserved service role', async () => ({ authorization: `Bearer ${await devToken({ role: 'service' })}` })],
    [
      'a token signed by another key',
      async () => {
        const other = await loadOrCreateSigningKey(mkdtempSync(path.join(os.tmpdir(), 'medalliance-other-')), DEV_ISSUER_KEY_NAME);
        return { authorization: `Bearer ${await issueDevToken(other, { role: 'analyst' })}` };
      },
    ],
  ])('refuses %s with UNAUTHENTICATED', async (_name, headers) => {
    await loadOrCreateSigningKey(dataDir, DEV_ISSUER_KEY_NAME);
    await expect(createCallerVerifier({ dataDir })(await headers())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses an unknown purpose of use with BAD_USER_INPUT', async () => {
    const key = await loadOrCreateSigningKey(dataDir, DEV_ISSUER_KEY_NAME);
    const token = await issueDevToken(key, { role: 'clinician', hospitalId: 'dh-lead' });
    await expect(createCallerVerifier({ dataDir })({ authorization: `Bearer ${token}`, 'x-purpose-of-use': 'CURIOSITY' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

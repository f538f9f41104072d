import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { GATEWAY_ISSUER, GATEWAY_KEY_NAME, hospitalAudience, signGatewayToken } from '../../../common/auth/gateway-token';
import { loadOrCreateSigningKey, rotateDevKey } from '../../../common/auth/key-store';
import { createSubgraphAuthenticator } from './verify-gateway-token';
import type { Caller } from './caller';

const caller: Caller = { subject: 'dr-wang', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT' };
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'medalliance-auth-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function authenticator(required = true) {
  return createSubgraphAuthenticator({ audience: hospitalAudience('dh-lead'), dataDir, required });
}

async function bearerFor(c: Caller, audience = hospitalAudience('dh-lead')) {
  const key = await loadOrCreateSigningKey(dataDir, GATEWAY_KEY_NAME);
  return `Bearer ${await signGatewayToken(key, c, audience, 'req-1')}`;
}

describe('subgraph authentication of gateway tokens', () => {
  it('accepts a token signed by the gateway for this subgraph and returns its claims', async () => {
    await expect(authenticator()({ authorization: await bearerFor(caller) })).resolves.toEqual(caller);
  });

  it.each([
    ['no token at all', async () => undefined],
    ['a token for another subgraph', async () => bearerFor(caller, hospitalAudience('dh-district'))],
    ['a malformed header', async () => 'Basic abc'],
    ['garbage', async () => 'Bearer not.a.token'],
    [
      'a token signed with another key',
      async () => {
        const other = await loadOrCreateSigningKey(mkdtempSync(path.join(os.tmpdir(), 'medalliance-other-')), GATEWAY_KEY_NAME);
        return `Bearer ${await signGatewayToken(other, caller, hospitalAudience('dh-lead'))}`;
      },
    ],
    [
      'an expired token',
      async () => {
        const key = await loadOrCreateSigningKey(dataDir, GATEWAY_KEY_NAME);
        const token = await new SignJWT({ role: 'clinician' })
          .setProtectedHeader({ alg: 'ES256', kid: key.kid })
          .setSubject('dr-wang')
          .setIssuer(GATEWAY_ISSUER)
          .setAudience(hospitalAudience('dh-lead'))
          .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 300)
          .sign(key.privateKey);
        return `Bearer ${token}`;
      },
    ],
  ])('refuses %s with UNAUTHENTICATED', async (_name, header) => {
    await loadOrCreateSigningKey(dataDir, GATEWAY_KEY_NAME);
    const authorization = await header();
    await expect(authenticator()(authorization ? { authorization } : {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lets an unauthenticated request through with no caller only when not required', async () => {
    await expect(authenticator(false)({})).resolves.toBeNull();
  });

  it('stops accepting the old key once the dev key is rotated', async () => {
    const oldHeader = await bearerFor(caller);
    await rotateDevKey(dataDir, GATEWAY_KEY_NAME);
    await expect(authenticator()({ authorization: oldHeader })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(authenticator()({ authorization: await bearerFor(caller) })).resolves.toEqual(caller);
  });

  it('refuses a cached token of the rotated-out key once the new key has been seen', async () => {
    const authenticate = authenticator();
    const oldHeader = await bearerFor(caller);
    await expect(authenticate({ authorization: oldHeader })).resolves.toEqual(caller);
    await rotateDevKey(dataDir, GATEWAY_KEY_NAME);
    await expect(authenticate({ authorization: await bearerFor(caller) })).resolves.toEqual(caller);
    await expect(authenticate({ authorization: oldHeader })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

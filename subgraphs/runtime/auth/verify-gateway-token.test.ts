import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { GATEWAY_ISSUER, GATEWAY_KEY_NAME, hospitalAudience, signGatewayToken } from '../../../common/auth/gateway-token';
import { loadOrCreateSigningKey, rotateDevKey } from '../../../common/auth/key-store';
import { createSubgraphAuthenticator } from './verify-gateway-token';
import type { Caller } from '../../../common/auth/caller';

const caller: Caller = { subject: 'dr-wang', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT' };
const BODY = { query: 'query($id: ID!) { departments(hospitalIds: [$id]) { id } }', variables: { id: 'dh-lead' } };
/** A POST of BODY carrying `headers`, as express hands it over. */
const call = (headers: Record<string, string>, body: unknown = BODY) => ({ headers, method: 'POST', body, query: {} });
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
  return `Bearer ${await signGatewayToken(key, c, audience, BODY, 'req-1')}`;
}

describe('subgraph authentication of gateway tokens', () => {
  it('accepts a token signed by the gateway for this subgraph and returns its claims', async () => {
    await expect(authenticator()(call({ authorization: await bearerFor(caller) }))).resolves.toEqual(caller);
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
        return `Bearer ${await signGatewayToken(other, caller, hospitalAudience('dh-lead'), BODY)}`;
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
    await expect(authenticator()(call(authorization ? { authorization } : {}))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lets an unauthenticated request through with no caller only when not required', async () => {
    await expect(authenticator(false)(call({}))).resolves.toBeNull();
  });

  it('stops accepting the old key once the dev key is rotated', async () => {
    const oldHeader = await bearerFor(caller);
    await rotateDevKey(dataDir, GATEWAY_KEY_NAME);
    await expect(authenticator()(call({ authorization: oldHeader }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(authenticator()(call({ authorization: await bearerFor(caller) }))).resolves.toEqual(caller);
  });

  it('refuses a token of the rotated-out key once the new key has been seen', async () => {
    const authenticate = authenticator();
    const oldHeader = await bearerFor(caller);
    const unusedOldHeader = await bearerFor(caller);
    await expect(authenticate(call({ authorization: oldHeader }))).resolves.toEqual(caller);
    await rotateDevKey(dataDir, GATEWAY_KEY_NAME);
    await expect(authenticate(call({ authorization: await bearerFor(caller) }))).resolves.toEqual(caller);
    await expect(authenticate(call({ authorization: unusedOldHeader }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('accepts a token once, and only with the body it was signed for', async () => {
    const authenticate = authenticator();
    const header = await bearerFor(caller);
    await expect(authenticate(call({ authorization: header }, { ...BODY, variables: { id: 'dh-district' } }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(authenticate(call({ authorization: header }, { query: BODY.query.replace('id }', 'id name }'), variables: BODY.variables }))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(authenticate(call({ authorization: header }))).resolves.toEqual(caller);
    await expect(authenticate(call({ authorization: header }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/already been used/) });
  });

  it('binds a GET the same way, from its query string', async () => {
    const header = await bearerFor(caller);
    const get = { headers: { authorization: header }, method: 'GET', query: { query: BODY.query, variables: JSON.stringify(BODY.variables) } };
    await expect(authenticator()(get)).resolves.toEqual(caller);
  });
});

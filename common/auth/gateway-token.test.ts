import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt, SignJWT, type JWK } from 'jose';
import type { Caller } from '../../subgraphs/runtime/auth/caller';
import { createGatewayTokenVerifier, GATEWAY_ISSUER, GATEWAY_KEY_NAME, hospitalAudience, signGatewayToken } from './gateway-token';
import { loadOrCreateSigningKey, type SigningKey } from './key-store';

const AUDIENCE = hospitalAudience('dh-lead');
const caller: Caller = { subject: 'dr-wang', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT' };
const dirs: string[] = [];

async function newKey(): Promise<SigningKey> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'medalliance-gwtoken-'));
  dirs.push(dir);
  return loadOrCreateSigningKey(dir, GATEWAY_KEY_NAME);
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A key source that counts how often a signature had to be checked. */
function countingSource(keys: () => JWK[]) {
  const calls = { count: 0 };
  return { calls, source: { jwks: () => (calls.count++, keys()) } };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('gateway token verification with a cache of verified tokens', () => {
  let key: SigningKey;
  beforeAll(async () => {
    key = await newKey();
  });

  it('answers a repeated token from the cache with the same claims as a fresh check', async () => {
    const { calls, source } = countingSource(() => [key.publicJwk]);
    const verify = createGatewayTokenVerifier(source, AUDIENCE);
    const token = await signGatewayToken(key, caller, AUDIENCE, 'req-1');
    const fresh = await verify(token);
    fresh.role = 'admin';
    await expect(verify(token)).resolves.toEqual(caller);
    expect(calls.count).toBe(1);
  });

  it('accepts a cached token until its exp and refuses it from then on', async () => {
    let now = Date.now();
    const { calls, source } = countingSource(() => [key.publicJwk]);
    const verify = createGatewayTokenVerifier(source, AUDIENCE, { now: () => now });
    // shorter-lived than the cache's own limit, so only the token's exp can end it
    const token = await new SignJWT({ role: caller.role, hospitalId: caller.hospitalId, purpose: caller.purpose })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setSubject(caller.subject)
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10s')
      .sign(key.privateKey);
    const exp = decodeJwt(token).exp! * 1000;
    await verify(token);
    now = exp - 1;
    await expect(verify(token)).resolves.toEqual(caller);
    expect(calls.count).toBe(1);
    now = exp;
    await expect(verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a tampered token even while the genuine one is cached', async () => {
    const verify = createGatewayTokenVerifier({ jwks: () => [key.publicJwk] }, AUDIENCE);
    const token = await signGatewayToken(key, caller, AUDIENCE);
    await verify(token);
    const [header, payload, signature] = token.split('.');
    const raisedRole = [header, base64url({ ...decodeJwt(token), role: 'admin' }), signature].join('.');
    const flipped = signature[10] === 'A' ? 'B' : 'A';
    const otherSignature = [header, payload, signature.slice(0, 10) + flipped + signature.slice(11)].join('.');
    await expect(verify(raisedRole)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verify(otherSignature)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verify(token)).resolves.toEqual(caller);
  });

  it('forgets every cached token when a verification meets a changed key set', async () => {
    const retired = await newKey();
    let keys = [retired.publicJwk];
    const verify = createGatewayTokenVerifier({ jwks: () => keys }, AUDIENCE);
    const oldToken = await signGatewayToken(retired, caller, AUDIENCE);
    await verify(oldToken);
    keys = [key.publicJwk];
    await expect(verify(oldToken)).resolves.toEqual(caller);
    await verify(await signGatewayToken(key, caller, AUDIENCE));
    await expect(verify(oldToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('keeps at most the configured number of tokens, forgetting the oldest', async () => {
    const { calls, source } = countingSource(() => [key.publicJwk]);
    const verify = createGatewayTokenVerifier(source, AUDIENCE, { cacheEntries: 2 });
    const tokens = await Promise.all(['r1', 'r2', 'r3'].map((rid) => signGatewayToken(key, caller, AUDIENCE, rid)));
    for (const token of tokens) await verify(token);
    await verify(tokens[2]);
    await verify(tokens[1]);
    expect(calls.count).toBe(3);
    await verify(tokens[0]);
    expect(calls.count).toBe(4);
  });
});

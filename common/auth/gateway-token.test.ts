import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt, SignJWT, type JWK } from 'jose';
import type { Caller } from './caller';
import { createGatewayTokenVerifier, GATEWAY_ISSUER, GATEWAY_KEY_NAME, hospitalAudience, signGatewayToken } from './gateway-token';
import { loadOrCreateSigningKey, type SigningKey } from './key-store';
import { requestHash } from './request-hash';

const AUDIENCE = hospitalAudience('dh-lead');
const caller: Caller = { subject: 'dr-wang', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT' };
const CHARTS = {
  query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { name } } }',
  variables: { r: [{ __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn: 'M1' }] },
};
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

/** A token as our signer makes it, with chosen times and claims (seconds since the epoch). */
function handMade(key: SigningKey, claims: Record<string, unknown>, iat: number, exp: number, audience: string | string[] = AUDIENCE) {
  return new SignJWT({ role: caller.role, hospitalId: caller.hospitalId, purpose: caller.purpose, req_hash: requestHash(CHARTS), ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setSubject(caller.subject)
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(audience)
    .setJti(`jti-${iat}-${exp}-${JSON.stringify(claims)}`)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key.privateKey);
}

describe('gateway tokens: one call, once', () => {
  let key: SigningKey;
  beforeAll(async () => {
    key = await newKey();
  });

  it('carries a unique jti, the request hash and at most 25 s of life', async () => {
    const [a, b] = await Promise.all([signGatewayToken(key, caller, AUDIENCE, CHARTS, 'req-1'), signGatewayToken(key, caller, AUDIENCE, CHARTS, 'req-1')]);
    const claims = decodeJwt(a);
    expect(claims).toMatchObject({ aud: AUDIENCE, sub: 'dr-wang', rid: 'req-1', req_hash: requestHash(CHARTS) });
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(25);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(decodeJwt(b).jti).not.toBe(claims.jti);
  });

  it('accepts a token once, for the request it was signed for', async () => {
    const verify = createGatewayTokenVerifier({ jwks: () => [key.publicJwk] }, AUDIENCE);
    const token = await signGatewayToken(key, caller, AUDIENCE, CHARTS, 'req-1');
    await expect(verify(token, CHARTS)).resolves.toEqual(caller);
    await expect(verify(token, CHARTS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/already been used/) });
  });

  it.each([
    ['another query', { ...CHARTS, query: CHARTS.query.replace('name', 'name birthDate') }],
    ['other variables', { ...CHARTS, variables: { r: [{ __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn: 'M2' }] } }],
    ['no variables', { query: CHARTS.query }],
    ['another operation name', { ...CHARTS, operationName: 'Other' }],
    ['no operation at all', undefined],
  ])('refuses a token presented with %s, and it stays good for its own request', async (_label, other) => {
    const verify = createGatewayTokenVerifier({ jwks: () => [key.publicJwk] }, AUDIENCE);
    const token = await signGatewayToken(key, caller, AUDIENCE, CHARTS);
    await expect(verify(token, other)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/another request/) });
    await expect(verify(token, CHARTS)).resolves.toEqual(caller);
  });

  it('binds to the content, not the spelling: key order of the variables does not matter', async () => {
    const verify = createGatewayTokenVerifier({ jwks: () => [key.publicJwk] }, AUDIENCE);
    const request = { query: '{ a }', variables: { b: 1, a: { y: [1, 2], x: null } } };
    const token = await signGatewayToken(key, caller, AUDIENCE, request);
    await expect(verify(token, JSON.parse('{"query":"{ a }","variables":{"a":{"x":null,"y":[1,2]},"b":1}}'))).resolves.toEqual(caller);
  });

  it('refuses a token 31 s after it was signed, accepts one within its life plus the skew', async () => {
    let now = Date.now();
    const verify = createGatewayTokenVerifier({ jwks: () => [key.publicJwk] }, AUDIENCE, { now: () => now });
    const iat = Math.floor(now / 1000);
    const young = await handMade(key, { n: 1 }, iat, iat + 25);
    const old = await handMade(key, { n: 2 }, iat, iat + 25);
    now = (iat + 29) * 1000;
    await expect(verify(young, CHARTS)).resolves.toEqual(caller);
    now = (iat + 31) * 1000;
    await expect(verify(old, CHARTS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it.each([
    ['a longer life than the signer gives', async (k: SigningKey, iat: number) => handMade(k, {}, iat, iat + 60)],
    [
      'no jti',
      async (k: SigningKey, iat: number) =>
        new SignJWT({ role: 'clinician', req_hash: requestHash(CHARTS) })
          .setProtectedHeader({ alg: k.alg, kid: k.kid })
          .setSubject('x')
          .setIssuer(GATEWAY_ISSUER)
          .setAudience(AUDIENCE)
          .setIssuedAt(iat)
          .setExpirationTime(iat + 20)
          .sign(k.privateKey),
    ],
    ['no request hash', async (k: SigningKey, iat: number) => handMade(k, { req_hash: undefined }, iat, iat + 20)],
    ['another audience', async (k: SigningKey, iat: number) => handMade(k, {}, iat, iat + 20, hospitalAudience('dh-district'))],
    ['an audience list naming this subgraph among others', async (k: SigningKey, iat: number) => handMade(k, {}, iat, iat + 20, [AUDIENCE, hospitalAudience('dh-district')])],
  ])('refuses a token with %s', async (_label, make) => {
    const verify = createGatewayTokenVerifier({ jwks: () => [key.publicJwk] }, AUDIENCE);
    await expect(verify(await make(key, Math.floor(Date.now() / 1000)), CHARTS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a replay from the cache of verified signatures, without checking the signature again', async () => {
    const { calls, source } = countingSource(() => [key.publicJwk]);
    const verify = createGatewayTokenVerifier(source, AUDIENCE);
    const token = await signGatewayToken(key, caller, AUDIENCE, CHARTS);
    await verify(token, CHARTS);
    await expect(verify(token, CHARTS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(calls.count).toBe(1);
  });

  it('refuses a tampered token, whatever the cache holds', async () => {
    const verify = createGatewayTokenVerifier({ jwks: () => [key.publicJwk] }, AUDIENCE);
    const token = await signGatewayToken(key, caller, AUDIENCE, CHARTS);
    const [header, payload, signature] = token.split('.');
    const raisedRole = [header, base64url({ ...decodeJwt(token), role: 'admin' }), signature].join('.');
    const otherRequest = [header, base64url({ ...decodeJwt(token), req_hash: requestHash({ query: '{ x }' }) }), signature].join('.');
    const flipped = signature[10] === 'A' ? 'B' : 'A';
    const otherSignature = [header, payload, signature.slice(0, 10) + flipped + signature.slice(11)].join('.');
    await expect(verify(raisedRole, CHARTS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verify(otherRequest, { query: '{ x }' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verify(otherSignature, CHARTS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verify(token, CHARTS)).resolves.toEqual(caller);
  });

  it('refuses the token of a removed key once a verification meets the changed key set', async () => {
    const retired = await newKey();
    let keys = [retired.publicJwk];
    const verify = createGatewayTokenVerifier({ jwks: () => keys }, AUDIENCE);
    const before = await signGatewayToken(retired, caller, AUDIENCE, CHARTS);
    const after = await signGatewayToken(retired, caller, AUDIENCE, CHARTS);
    await verify(before, CHARTS);
    keys = [key.publicJwk];
    await verify(await signGatewayToken(key, caller, AUDIENCE, CHARTS), CHARTS);
    await expect(verify(after, CHARTS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses new tokens rather than forget a live jti when its replay memory is full', async () => {
    const verify = createGatewayTokenVerifier({ jwks: () => [key.publicJwk] }, AUDIENCE, { replayEntries: 2 });
    const tokens = await Promise.all([1, 2, 3].map(() => signGatewayToken(key, caller, AUDIENCE, CHARTS)));
    await verify(tokens[0], CHARTS);
    await verify(tokens[1], CHARTS);
    await expect(verify(tokens[2], CHARTS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verify(tokens[0], CHARTS)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

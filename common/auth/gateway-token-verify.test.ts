import { KeyObject, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JWK } from 'jose';
import type { Caller } from './caller';
import { createGatewayTokenVerifier, GATEWAY_ISSUER, GATEWAY_KEY_NAME, hospitalAudience } from './gateway-token';
import { loadOrCreateSigningKey, type SigningKey } from './key-store';
import { requestHash } from './request-hash';

/** Every check of a gateway token's form, signature and claims, one forged token per check. */
const AUDIENCE = hospitalAudience('dh-lead');
const caller: Caller = { subject: 'dr-wang', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT' };
const REQUEST = { query: '{ staff(id: "s-1") { id name } }', variables: {} };
const dirs: string[] = [];
let key: SigningKey;
let stranger: SigningKey;

async function newKey(): Promise<SigningKey> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'medalliance-gwverify-'));
  dirs.push(dir);
  return loadOrCreateSigningKey(dir, GATEWAY_KEY_NAME);
}
beforeAll(async () => {
  [key, stranger] = await Promise.all([newKey(), newKey()]);
});
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const json = (value: unknown) => b64(JSON.stringify(value));

function signature(input: string, by: SigningKey): string {
  return sign('sha256', Buffer.from(input), { key: KeyObject.from(by.privateKey), dsaEncoding: 'ieee-p1363' }).toString('base64url');
}

interface Forge {
  header?: Record<string, unknown>;
  /** Claims merged over a valid set; `undefined` removes one. */
  claims?: Record<string, unknown>;
  /** The payload part as sent, instead of the claims. */
  payloadPart?: string;
  by?: SigningKey;
}

/** A token signed by a real key over exactly the parts given: only the named defect is wrong. */
function forge(now: number, { header, claims = {}, payloadPart, by }: Forge = {}): string {
  const signer = by ?? key;
  const valid = {
    role: caller.role,
    hospitalId: caller.hospitalId,
    purpose: caller.purpose,
    req_hash: requestHash(REQUEST),
    sub: caller.subject,
    iss: GATEWAY_ISSUER,
    aud: AUDIENCE,
    jti: randomUUID(),
    iat: now,
    exp: now + 25,
  };
  const input = `${json(header ?? { alg: 'ES256', kid: key.kid })}.${payloadPart ?? json({ ...valid, ...claims })}`;
  return `${input}.${signature(input, signer)}`;
}

function replacePart(token: string, index: number, part: string): string {
  const parts = token.split('.');
  parts[index] = part;
  return parts.join('.');
}

const accepted: [string, (now: number) => string][] = [
  ['as the gateway signs it', (now) => forge(now)],
  ['exp 4 s ago (within the 5 s skew)', (now) => forge(now, { claims: { iat: now - 25, exp: now - 4 } })],
  ['iat 4 s ahead (within the skew)', (now) => forge(now, { claims: { iat: now + 4, exp: now + 29 } })],
  ['nbf already passed', (now) => forge(now, { claims: { nbf: now - 1 } })],
];

const INVALID = 'The gateway token is missing, expired or not valid for this subgraph.';
const NO_CALLER = 'Token lacks a subject or a known role.';

/** What is refused, and the message (every refusal is UNAUTHENTICATED). */
const refused: [string, (now: number) => string, string?][] = [
  ['a tampered payload', (now) => replacePart(forge(now), 1, json({ role: 'admin' }))],
  [
    'a tampered signature',
    (now) => {
      const token = forge(now);
      const sig = token.split('.')[2];
      // the first character carries the first signature byte's top bits: always another byte
      return replacePart(token, 2, (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
    },
  ],
  ['a signature by another key under our kid', (now) => forge(now, { by: stranger })],
  [
    'a signature one byte short',
    (now) => {
      const token = forge(now);
      return replacePart(token, 2, Buffer.from(token.split('.')[2], 'base64url').subarray(0, 63).toString('base64url'));
    },
  ],
  [
    'a DER signature instead of r||s',
    (now) => {
      const token = forge(now);
      const input = token.split('.').slice(0, 2).join('.');
      return replacePart(token, 2, sign('sha256', Buffer.from(input), KeyObject.from(key.privateKey)).toString('base64url'));
    },
  ],
  ['alg ES384 in the header', (now) => forge(now, { header: { alg: 'ES384', kid: key.kid } })],
  ['alg RS256 in the header', (now) => forge(now, { header: { alg: 'RS256', kid: key.kid } })],
  ['alg none and no signature', (now) => `${json({ alg: 'none' })}.${forge(now).split('.')[1]}.`],
  ['alg none with a valid signature', (now) => forge(now, { header: { alg: 'none', kid: key.kid } })],
  ['no alg', (now) => forge(now, { header: { kid: key.kid } })],
  ['a crit header', (now) => forge(now, { header: { alg: 'ES256', kid: key.kid, crit: ['b64'], b64: true } })],
  ['b64 false', (now) => forge(now, { header: { alg: 'ES256', kid: key.kid, b64: false } })],
  ['an unknown kid', (now) => forge(now, { header: { alg: 'ES256', kid: 'gateway-unknown' } })],
  ['an unknown kid, signed by that unknown key', (now) => forge(now, { header: { alg: 'ES256', kid: stranger.kid }, by: stranger })],
  ['a header that is not JSON', (now) => replacePart(forge(now), 0, b64('{"alg":"ES256"'))],
  ['expired beyond the skew', (now) => forge(now, { claims: { iat: now - 26, exp: now - 6 } })],
  ['exp exactly at the skew', (now) => forge(now, { claims: { iat: now - 25, exp: now - 5 } })],
  ['iat in the future beyond the skew', (now) => forge(now, { claims: { iat: now + 10, exp: now + 30 } })],
  ['iat older than life plus skew', (now) => forge(now, { claims: { iat: now - 31, exp: now + 10 } })],
  ['a longer life than the signer gives', (now) => forge(now, { claims: { exp: now + 26 } })],
  ['nbf in the future beyond the skew', (now) => forge(now, { claims: { nbf: now + 10 } })],
  ['a wrong audience', (now) => forge(now, { claims: { aud: hospitalAudience('dh-district') } })],
  ['an audience list naming another subgraph too', (now) => forge(now, { claims: { aud: [AUDIENCE, hospitalAudience('dh-district')] } })],
  ['an audience list, even naming only this subgraph', (now) => forge(now, { claims: { aud: [AUDIENCE] } })],
  ['a wrong issuer', (now) => forge(now, { claims: { iss: 'someone-else' } })],
  ['no issuer', (now) => forge(now, { claims: { iss: undefined } })],
  ['no audience', (now) => forge(now, { claims: { aud: undefined } })],
  ['no exp', (now) => forge(now, { claims: { exp: undefined } })],
  ['exp as a string', (now) => forge(now, { claims: { exp: String(now + 25) } })],
  ['no iat', (now) => forge(now, { claims: { iat: undefined } })],
  ['no jti', (now) => forge(now, { claims: { jti: undefined } })],
  ['no req_hash', (now) => forge(now, { claims: { req_hash: undefined } })],
  ['no subject', (now) => forge(now, { claims: { sub: undefined } }), NO_CALLER],
  ['an unknown role', (now) => forge(now, { claims: { role: 'root' } }), NO_CALLER],
  ['a payload that is not JSON', (now) => forge(now, { payloadPart: b64('role=admin') })],
  ['a payload that is a JSON array', (now) => forge(now, { payloadPart: json([{ iss: GATEWAY_ISSUER }]) })],
  ['a payload that is not UTF-8', (now) => forge(now, { payloadPart: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url') })],
  ['a truncated token (two parts)', (now) => forge(now).split('.').slice(0, 2).join('.')],
  ['a truncated signature', (now) => forge(now).slice(0, -10)],
  ['an extra dot at the end', (now) => `${forge(now)}.`],
  ['an extra part', (now) => `${forge(now)}.${b64('more')}`],
  ['padding in a part', (now) => replacePart(forge(now), 2, `${forge(now).split('.')[2]}==`)],
  [
    'characters outside base64url in the payload',
    (now) => {
      const token = forge(now);
      return replacePart(token, 1, `${token.split('.')[1]}*`);
    },
  ],
  ['an empty token', () => ''],
];

describe('gateway token verification, check by check', () => {
  const verifier = () => createGatewayTokenVerifier({ jwks: (): JWK[] => [key.publicJwk] }, AUDIENCE);

  it.each(accepted)('accepts a token %s', async (_label, make) => {
    await expect(verifier()(make(Math.floor(Date.now() / 1000)), REQUEST)).resolves.toEqual(caller);
  });

  it.each(refused)('refuses a token with %s', async (_label, make, message = INVALID) => {
    await expect(verifier()(make(Math.floor(Date.now() / 1000)), REQUEST)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message });
  });

  it('looks an unknown kid up in the key set again: once the key is published, its tokens pass', async () => {
    let keys = [key.publicJwk];
    const verify = createGatewayTokenVerifier({ jwks: () => keys }, AUDIENCE);
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'ES256', kid: stranger.kid };
    await expect(verify(forge(now, { header, by: stranger }), REQUEST)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    keys = [key.publicJwk, stranger.publicJwk];
    await expect(verify(forge(now, { header, by: stranger }), REQUEST)).resolves.toEqual(caller);
    await expect(verify(forge(now), REQUEST)).resolves.toEqual(caller);
  });
});

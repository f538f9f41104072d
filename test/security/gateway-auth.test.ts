import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { DEV_CALLER_AUDIENCE, DEV_ISSUER, DEV_ISSUER_KEY_NAME, issueDevToken } from '../../common/auth/caller-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { ConfigError } from '../../common/config/load-config';
import { loadGatewayConfig } from '../../common/config/gateway-settings';
import { postGraphQL } from '../support/graphql-client';
import { runCli } from '../support/run-cli';
import { callerHeaders } from '../gateway/support/caller-headers';
import { IDP_AUDIENCE, startIdentityProvider, type IdentityProvider } from './support/identity-provider';
import { startPartnerGateway, type PartnerGateway } from './support/partner-gateway';

const QUERY = '{ staffDirectory { name } }';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A token from the dev issuer key of `dataDir`, with any audience and expiry. */
async function devToken(dataDir: string, audience: string, expiresAt: number): Promise<string> {
  const key = await loadOrCreateSigningKey(dataDir, DEV_ISSUER_KEY_NAME);
  return new SignJWT({ role: 'analyst' })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setSubject('analyst-x')
    .setIssuer(DEV_ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(key.privateKey);
}

/** Caller authentication at the gateway (DESIGN 5), over real HTTP. */
describe('caller authentication at the gateway', () => {
  describe('dev issuer (no JWKS URL)', () => {
    let stack: PartnerGateway;
    beforeAll(async () => {
      stack = await startPartnerGateway();
    });
    afterAll(() => stack?.close());

    it('answers a caller with a valid dev token', async () => {
      const { status, body } = await postGraphQL(stack.url, QUERY, undefined, await callerHeaders(stack.dataDir));
      expect(status).toBe(200);
      expect(body).toEqual({ data: { staffDirectory: [{ name: 'Bo' }, { name: 'Lin' }] } });
    });

    it.each([
      ['no token', async () => ({})],
      ['a malformed token', async () => bearer('abc.def')],
      ['a non-bearer scheme', async () => ({ authorization: 'Basic YWxhZGRpbjpvcGVu' })],
      ['an expired token', async () => bearer(await devToken(stack.dataDir, DEV_CALLER_AUDIENCE, Math.floor(Date.now() / 1000) - 60))],
      ['a wrong audience', async () => bearer(await devToken(stack.dataDir, 'another-alliance', Math.floor(Date.now() / 1000) + 600))],
      [
        'a token signed by another key',
        async () => {
          const stranger = await loadOrCreateSigningKey(mkdtempSync(path.join(os.tmpdir(), 'medalliance-stranger-')), DEV_ISSUER_KEY_NAME);
          return bearer(await issueDevToken(stranger, { role: 'admin' }));
        },
      ],
    ])('refuses %s with 401 UNAUTHENTICATED and calls no member', async (_name, headers) => {
      const before = stack.partner.received.length;
      const { status, body } = await postGraphQL(stack.url, QUERY, undefined, await headers());
      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }]);
      expect(stack.partner.received.length).toBe(before);
    });

    it('keeps the GraphiQL page, health, readiness, metrics and its JWKS open', async () => {
      expect((await fetch(stack.url, { headers: { accept: 'text/html' } })).status).toBe(200);
      for (const route of ['/healthz', '/readyz', '/metrics']) expect([route, (await fetch(`${stack.base}${route}`)).status]).toEqual([route, 200]);
      const jwks = (await (await fetch(`${stack.base}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
      expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.stringMatching(/^gateway-/) })]);
      expect(jwks.keys[0].d).toBeUndefined();
    });
  });

  describe('production: tokens from an identity provider (JWKS URL)', () => {
    let idp: IdentityProvider;
    let stack: PartnerGateway;
    beforeAll(async () => {
      idp = await startIdentityProvider();
      stack = await startPartnerGateway({
        MEDALLIANCE_PRODUCTION: 'true',
        MEDALLIANCE_JWKS_URL: idp.jwksUrl,
        MEDALLIANCE_JWT_ISSUER: idp.issuer,
        MEDALLIANCE_JWT_AUDIENCE: IDP_AUDIENCE,
      });
    });
    afterAll(async () => {
      await stack?.close();
      await idp?.close();
    });

    it("accepts the identity provider's RS256 token", async () => {
      const token = await idp.token({ sub: 'analyst-7', role: 'analyst' });
      const { status, body } = await postGraphQL(stack.url, QUERY, undefined, bearer(token));
      expect(status).toBe(200);
      expect(body.data.staffDirectory).toHaveLength(2);
      expect(idp.jwksRequests).toBeGreaterThan(0);
    });

    it.each([
      ['a dev token (dev keys are not trusted in production)', async () => (await callerHeaders(stack.dataDir)).authorization],
      ['a wrong audience', async () => `Bearer ${await idp.token({ sub: 'a', role: 'analyst' }, { audience: 'medalliance' })}`],
      ['a wrong issuer', async () => `Bearer ${await idp.token({ sub: 'a', role: 'analyst' }, { issuer: 'https://elsewhere.example' })}`],
      ['an expired token', async () => `Bearer ${await idp.token({ sub: 'a', role: 'analyst' }, { expiresInSeconds: -120 })}`],
      ['the reserved service role', async () => `Bearer ${await idp.token({ sub: 'a', role: 'service' })}`],
    ])('refuses %s with 401 UNAUTHENTICATED', async (_name, authorization) => {
      const { status, body } = await postGraphQL(stack.url, QUERY, undefined, { authorization: await authorization() });
      expect(status).toBe(401);
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });
  });

  describe('production start', () => {
    it('refuses to start with dev keys for callers (no MEDALLIANCE_JWKS_URL)', async () => {
      expect(() => loadGatewayConfig({ MEDALLIANCE_PRODUCTION: 'true' })).toThrow(ConfigError);
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'medalliance-prod-'));
      const { code, stderr } = await runCli(['gateway', '--port', '0'], { MEDALLIANCE_PRODUCTION: 'true', MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_JWKS_URL: '' });
      expect(code).toBe(1);
      expect(stderr).toContain('MEDALLIANCE_JWKS_URL must be set when MEDALLIANCE_PRODUCTION=true');
    });
  });
});

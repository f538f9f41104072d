import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadGatewayConfig } from './gateway-settings';
import { hospitalSettings } from './hospital-settings';
import { ConfigError, loadConfig } from './load-config';
import { checkProductionJwks, loadTls } from './tls-settings';

const dir = mkdtempSync(path.join(os.tmpdir(), 'medalliance-tls-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => {
  execFileSync(path.resolve(__dirname, '../../deploy/tls/make-ca.sh'), [dir, 'alliance']);
  writeFileSync(path.join(dir, 'not-pem.txt'), 'hello');
});
const file = (name: string) => path.join(dir, name);

/** Every problem of one loadTls call, or [] when it passes. */
function problemsOf(config: Parameters<typeof loadTls>[0]): string[] {
  try {
    loadTls(config);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

describe('TLS settings', () => {
  it('reads the CA, a client pair and a server pair; no server pair means plain HTTP', () => {
    const tls = loadTls({
      caFile: file('ca.pem'),
      clientCertFile: file('alliance.pem'),
      clientKeyFile: file('alliance.key'),
      serverCertFile: file('alliance.pem'),
      serverKeyFile: file('alliance.key'),
      requireClientCert: true,
    });
    expect(tls.client.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(tls.server).toMatchObject({ requestCert: true });
    expect(loadTls({ caFile: file('ca.pem') }).server).toBeUndefined();
    expect(loadTls({})).toEqual({ client: { ca: undefined, cert: undefined, key: undefined }, server: undefined });
  });

  it.each([
    ['a certificate without its key', { serverCertFile: file('alliance.pem') }, /MEDALLIANCE_SERVER_CERT_FILE and MEDALLIANCE_SERVER_KEY_FILE are set together/],
    ['a client key without its certificate', { clientKeyFile: file('alliance.key') }, /MEDALLIANCE_TLS_CERT_FILE and MEDALLIANCE_TLS_KEY_FILE/],
    ['a missing file', { caFile: file('nowhere.pem') }, /MEDALLIANCE_CA_FILE names a file that cannot be read as PEM \(ENOENT\)/],
    ['a file that is not PEM', { caFile: file('not-pem.txt') }, /MEDALLIANCE_CA_FILE names a file that cannot be read as PEM/],
    ['client certificates required on plain HTTP', { caFile: file('ca.pem'), requireClientCert: true }, /MEDALLIANCE_REQUIRE_CLIENT_CERT needs HTTPS/],
    [
      'client certificates required without a CA',
      { serverCertFile: file('alliance.pem'), serverKeyFile: file('alliance.key'), requireClientCert: true },
      /MEDALLIANCE_REQUIRE_CLIENT_CERT needs MEDALLIANCE_CA_FILE/,
    ],
  ])('refuses %s with a clear config error', (_label, config, message) => {
    expect(problemsOf(config)).toEqual([expect.stringMatching(message)]);
  });

  it('is parsed from the environment with the rest of a process settings', () => {
    const config = loadConfig(hospitalSettings, { MEDALLIANCE_CA_FILE: file('ca.pem'), MEDALLIANCE_REQUIRE_CLIENT_CERT: 'yes' });
    expect(config).toMatchObject({ caFile: file('ca.pem'), requireClientCert: true });
  });
});

describe('production refuses plain-HTTP JWKS URLs', () => {
  it('refuses http:// for the subgraphs and the gateway, names the variable, accepts https://', () => {
    expect(() => checkProductionJwks(true, { MEDALLIANCE_GATEWAY_JWKS_URL: 'http://gateway:4000/.well-known/jwks.json' })).toThrow(
      /MEDALLIANCE_GATEWAY_JWKS_URL must be an https:\/\/ URL \(or a loopback address\) when MEDALLIANCE_PRODUCTION=true/,
    );
    expect(() => checkProductionJwks(true, { MEDALLIANCE_GATEWAY_JWKS_URL: 'http://127.0.0.1:4000/.well-known/jwks.json' })).not.toThrow();
    expect(() => checkProductionJwks(true, { MEDALLIANCE_GATEWAY_JWKS_URL: 'https://gateway:4000/.well-known/jwks.json', MEDALLIANCE_JWKS_URL: undefined })).not.toThrow();
    expect(() => checkProductionJwks(false, { MEDALLIANCE_GATEWAY_JWKS_URL: 'http://gateway:4000/.well-known/jwks.json' })).not.toThrow();
    expect(() => loadGatewayConfig({ MEDALLIANCE_PRODUCTION: 'true', MEDALLIANCE_JWKS_URL: 'http://idp.example/jwks.json' })).toThrow(
      /MEDALLIANCE_JWKS_URL must be an https:\/\/ URL/,
    );
    expect(() =>
      loadGatewayConfig({ MEDALLIANCE_PRODUCTION: 'true', MEDALLIANCE_JWKS_URL: 'https://idp.example/jwks.json', MEDALLIANCE_JWT_ISSUER: 'https://idp.example' }),
    ).not.toThrow();
  });
});

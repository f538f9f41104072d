import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, fetch } from 'undici';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { callerHeaders } from '../gateway/support/caller-headers';
import { runCli } from '../support/run-cli';
import { spawnCli, type SpawnedService } from '../support/spawn-cli';
import { freePort } from '../support/tcp-proxy';
import { waitForOutput } from '../support/wait-for-output';

/**
 * DESIGN 5, TLS between gateway, alliance and members, every part its own process from
 * the built CLI (run `npx tsc -p tsconfig.build.json` first), with a CA made at test time
 * by the documented command (deploy/tls/make-ca.sh, openssl). The alliance and dh-lead
 * require the gateway's client certificate; the subgraphs fetch the gateway's JWKS over
 * https://; dh-district serves a certificate from another CA, which the gateway refuses.
 */
const MAKE_CA = path.resolve(__dirname, '../../deploy/tls/make-ca.sh');
const QUERY = '{ hospitals { id } staffDirectory(first: 4, hospitalIds: ["dh-lead", "dh-district"]) { hospitalId name } }';

describe('TLS between gateway, alliance and members (real processes)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'medalliance-tls-'));
  const good = path.join(dir, 'good');
  const rogue = path.join(dir, 'rogue');
  const dataDir = path.join(dir, 'data');
  const started: SpawnedService[] = [];
  let gateway: SpawnedService;
  let lead: SpawnedService;
  const trusting = (options: { cert?: string; key?: string } = {}) =>
    new Agent({ connect: { ca: readFileSync(path.join(good, 'ca.pem')), ...(options.cert ? { cert: readFileSync(options.cert), key: readFileSync(options.key!) } : {}) } });
  const files = (ca: string, name: string) => ({ MEDALLIANCE_SERVER_CERT_FILE: path.join(ca, `${name}.pem`), MEDALLIANCE_SERVER_KEY_FILE: path.join(ca, `${name}.key`) });

  beforeAll(async () => {
    execFileSync(MAKE_CA, [good, 'gateway', 'alliance', 'hospital-dh-lead']);
    execFileSync(MAKE_CA, [rogue, 'hospital-dh-district']);
    await loadOrCreateSigningKey(dataDir, 'gateway');
    const gatewayPort = await freePort();
    const env = {
      MEDALLIANCE_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      MEDALLIANCE_SEED_PATIENTS: '20',
      MEDALLIANCE_CA_FILE: path.join(good, 'ca.pem'),
      MEDALLIANCE_GATEWAY_JWKS_URL: `https://127.0.0.1:${gatewayPort}/.well-known/jwks.json`,
    };
    const [leadService, district] = await Promise.all([
      spawnCli(['hospital', '--id', 'dh-lead', '--port', '0'], { ...env, ...files(good, 'hospital-dh-lead'), MEDALLIANCE_REQUIRE_CLIENT_CERT: 'true' }),
      spawnCli(['hospital', '--id', 'dh-district', '--port', '0'], { ...env, ...files(rogue, 'hospital-dh-district') }),
    ]);
    lead = leadService;
    started.push(lead, district);
    const alliance = await spawnCli(['alliance', '--port', '0'], {
      ...env,
      ...files(good, 'alliance'),
      // the alliance's own calls to members (contract check, result confirmation) present its certificate
      MEDALLIANCE_TLS_CERT_FILE: path.join(good, 'alliance.pem'),
      MEDALLIANCE_TLS_KEY_FILE: path.join(good, 'alliance.key'),
      MEDALLIANCE_REQUIRE_CLIENT_CERT: 'true',
      MEDALLIANCE_MEMBER_URLS: JSON.stringify({ 'dh-lead': lead.url, 'dh-district': district.url }),
    });
    started.push(alliance);
    gateway = await spawnCli(['gateway', '--port', String(gatewayPort)], {
      ...env,
      ...files(good, 'gateway'),
      MEDALLIANCE_TLS_CERT_FILE: path.join(good, 'gateway.pem'),
      MEDALLIANCE_TLS_KEY_FILE: path.join(good, 'gateway.key'),
      ALLIANCE_URL: alliance.url,
      MEDALLIANCE_REGISTRY_POLL_MS: '200',
      MEDALLIANCE_RATE_LIMIT_PER_SECOND: '0',
    });
    started.push(gateway);
    // dh-lead checks the gateway's token against the JWKS, served once the gateway listens
    await waitForOutput(gateway, /"hospitalId":"dh-lead"[^\n]*member passed the contract check/);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on https:// everywhere', () => {
    for (const service of started) expect(service.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/graphql$/);
  });

  it('answers a query end to end over TLS; a member whose certificate is from another CA is MEMBER_UNAVAILABLE, without TLS detail', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      dispatcher: trusting(),
      headers: { 'content-type': 'application/json', ...(await callerHeaders(dataDir, 'analyst')) },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    const body = JSON.parse(text) as {
      data: { hospitals: { id: string }[]; staffDirectory: { hospitalId: string }[] };
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    expect(body.data.hospitals.map((h) => h.id)).toEqual(expect.arrayContaining(['dh-lead', 'dh-district']));
    expect(body.data.staffDirectory.length).toBeGreaterThan(0);
    expect(new Set(body.data.staffDirectory.map((s) => s.hospitalId))).toEqual(new Set(['dh-lead']));
    expect(body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'MEMBER_UNAVAILABLE', hospitalId: 'dh-district' }) })]);
    expect(text).not.toMatch(/certificate|tls|ssl|unable|self.signed|verify|127\.0\.0\.1|https?:/i);
  });

  it('answers a FHIR read, which loops back through the gateway over its own HTTPS listener', async () => {
    const response = await fetch(`${gateway.url.replace(/\/graphql$/, '')}/fhir/r4/Patient/MPI-000001`, {
      dispatcher: trusting(),
      headers: await callerHeaders(dataDir, 'clinician', 'dh-lead'),
    });
    const body = (await response.json()) as { resourceType?: string; id?: string };
    expect({ status: response.status, resourceType: body.resourceType, id: body.id }).toEqual({ status: 200, resourceType: 'Patient', id: 'MPI-000001' });
  });

  it("the alliance's own calls to members go over TLS too: registering a member reads its contract from an https:// member requiring client certificates", async () => {
    const mutation = `mutation ($url: String!) { registerHospital(input: { id: "dh-tls-check", name: "TLS 检查", level: PRIMARY, region: "湖北省武汉市东湖区", subgraphUrl: $url }) { id status } }`;
    const response = await fetch(gateway.url, {
      method: 'POST',
      dispatcher: trusting(),
      headers: { 'content-type': 'application/json', ...(await callerHeaders(dataDir, 'admin')) },
      body: JSON.stringify({ query: mutation, variables: { url: lead.url } }),
    });
    const body = (await response.json()) as { data?: { registerHospital: { id: string; status: string } }; errors?: unknown[] };
    // PENDING would mean the alliance could not read the contract over TLS
    expect(body).toEqual({ data: { registerHospital: { id: 'dh-tls-check', status: 'ACTIVE' } } });
  });

  it('refuses a client without a certificate at a member that requires one, and lets the gateway certificate through to the token check', async () => {
    const body = JSON.stringify({ query: '{ departments { id } }' });
    const headers = { 'content-type': 'application/json' };
    await expect(fetch(lead.url, { method: 'POST', dispatcher: trusting(), headers, body })).rejects.toThrow();
    const withCertificate = await fetch(lead.url, {
      method: 'POST',
      dispatcher: trusting({ cert: path.join(good, 'gateway.pem'), key: path.join(good, 'gateway.key') }),
      headers,
      body,
    });
    expect(withCertificate.status).toBe(401);
  });
});

describe('TLS and JWKS configuration at start (built CLI)', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'medalliance-tls-config-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([
    [
      'a production hospital with an http:// gateway JWKS',
      ['hospital', '--id', 'dh-lead', '--port', '0'],
      { MEDALLIANCE_PRODUCTION: 'true', MEDALLIANCE_GATEWAY_JWKS_URL: 'http://gateway:4000/.well-known/jwks.json' },
      'MEDALLIANCE_GATEWAY_JWKS_URL must be an https:// URL (or a loopback address) when MEDALLIANCE_PRODUCTION=true',
    ],
    [
      'a production alliance with an http:// gateway JWKS',
      ['alliance', '--port', '0'],
      { MEDALLIANCE_PRODUCTION: 'true', MEDALLIANCE_GATEWAY_JWKS_URL: 'http://gateway:4000/.well-known/jwks.json' },
      'MEDALLIANCE_GATEWAY_JWKS_URL must be an https:// URL',
    ],
    [
      'a production gateway with an http:// identity provider JWKS',
      ['gateway', '--port', '0'],
      { MEDALLIANCE_PRODUCTION: 'true', MEDALLIANCE_JWKS_URL: 'http://idp.example/jwks.json' },
      'MEDALLIANCE_JWKS_URL must be an https:// URL',
    ],
    [
      'a server certificate file that is not there',
      ['hospital', '--id', 'dh-lead', '--port', '0'],
      { MEDALLIANCE_SERVER_CERT_FILE: path.join(dataDir, 'none.pem'), MEDALLIANCE_SERVER_KEY_FILE: path.join(dataDir, 'none.key') },
      'MEDALLIANCE_SERVER_CERT_FILE names a file that cannot be read as PEM (ENOENT)',
    ],
  ])('refuses to start %s, with a config error naming the variable', async (_label, args, env, message) => {
    const { code, stderr } = await runCli(args, { MEDALLIANCE_DATA_DIR: dataDir, DATABASE_URL: '', ...env });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration:');
    expect(stderr).toContain(message);
  });
});

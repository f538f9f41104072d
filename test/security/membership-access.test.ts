import { SignJWT } from 'jose';
import { DEV_CALLER_AUDIENCE, DEV_ISSUER, DEV_ISSUER_KEY_NAME } from '../../common/auth/caller-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { ConfigError } from '../../common/config/load-config';
import { loadGatewayConfig } from '../../common/config/gateway-settings';
import { postGraphQL } from '../support/graphql-client';
import { runCli } from '../support/run-cli';
import { callerHeaders } from '../gateway/support/caller-headers';
import { scratchDataDir } from '../gateway/support/schema-folder';
import { lastGatewayClaims, startMemberGateway, type MemberGateway } from './support/member-gateway';

const QUERY = '{ staffDirectory { hospitalId name } }';
const MUTATION = 'mutation { cancelBooking(hospitalId: "p-one", bookingId: "b1") { id status } }';

/** Issue 14, attacks 1 and 5: access bound to membership, caller token lifetimes. */
describe('access bound to membership at the gateway', () => {
  let stack: MemberGateway;
  const requests = () => [...stack.members.values()].reduce((n, m) => n + m.received.length, 0);

  beforeAll(async () => {
    stack = await startMemberGateway([{ id: 'p-one' }, { id: 'p-two' }, { id: 'p-suspended', status: 'SUSPENDED' }, { id: 'p-left', status: 'LEFT' }]);
  });
  afterAll(() => stack?.close());

  it('answers a clinician of an ACTIVE member and tells every member the caller is ACTIVE', async () => {
    const { status, body } = await postGraphQL(stack.url, QUERY, undefined, await callerHeaders(stack.dataDir, 'clinician', 'p-one'));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(new Set(body.data.staffDirectory.map((s: { hospitalId: string }) => s.hospitalId))).toEqual(new Set(['p-one', 'p-two']));
    for (const id of ['p-one', 'p-two']) expect(lastGatewayClaims(stack.members.get(id)!)).toMatchObject({ role: 'clinician', hospitalId: 'p-one', memberStatus: 'ACTIVE' });
  });

  it.each([
    ['a SUSPENDED member', 'p-suspended'],
    ['a member that LEFT', 'p-left'],
    ['a hospital that is no member at all', 'dh-nowhere'],
  ])('refuses a clinician of %s: reads and writes nothing, no member is asked', async (_name, hospitalId) => {
    const before = requests();
    const headers = await callerHeaders(stack.dataDir, 'clinician', hospitalId);
    for (const query of [QUERY, MUTATION, '{ patient(mpiId: "MPI-000001") { mpiId } }']) {
      const { status, body } = await postGraphQL(stack.url, query, undefined, headers);
      expect([query, status]).toEqual([query, 403]);
      expect(body.data).toBeUndefined();
      expect(body.errors).toEqual([{ message: expect.stringContaining('not an active member'), extensions: { code: 'FORBIDDEN', hospitalId } }]);
    }
    expect(requests()).toBe(before);
  });

  it("ignores a memberStatus claim in the caller's own token: the registry decides", async () => {
    const key = await loadOrCreateSigningKey(stack.dataDir, DEV_ISSUER_KEY_NAME);
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ role: 'clinician', hospitalId: 'p-suspended', memberStatus: 'ACTIVE' })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setSubject('clinician@p-suspended')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_CALLER_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key.privateKey);
    const { status } = await postGraphQL(stack.url, QUERY, undefined, { authorization: `Bearer ${forged}`, 'x-purpose-of-use': 'TREATMENT' });
    expect(status).toBe(403);
  });

  it('refuses a clinician within one poll of the suspension, and answers again after reactivation', async () => {
    const headers = await callerHeaders(stack.dataDir, 'clinician', 'p-two');
    expect((await postGraphQL(stack.url, QUERY, undefined, headers)).status).toBe(200);
    await stack.setStatus('p-two', 'SUSPENDED');
    expect((await postGraphQL(stack.url, QUERY, undefined, headers)).status).toBe(403);
    await stack.setStatus('p-two', 'ACTIVE');
    expect((await postGraphQL(stack.url, QUERY, undefined, headers)).status).toBe(200);
  });

  it('routes no mutation to a member that is not ACTIVE: MEMBER_UNKNOWN', async () => {
    const before = requests();
    const { body } = await postGraphQL(
      stack.url,
      'mutation { cancelBooking(hospitalId: "p-suspended", bookingId: "b1") { id } }',
      undefined,
      await callerHeaders(stack.dataDir, 'clinician', 'p-one'),
    );
    expect(body.errors?.map((e) => [e.extensions?.code, e.extensions?.hospitalId])).toEqual([['MEMBER_UNKNOWN', 'p-suspended']]);
    expect(requests()).toBe(before);
  });

  it('refuses a typo in recognition(atHospitalId:) and a write naming a non-member with MEMBER_UNKNOWN, before anything runs', async () => {
    const before = requests();
    const headers = await callerHeaders(stack.dataDir, 'clinician', 'p-one');
    const typo = await postGraphQL(stack.url, '{ patient(mpiId: "MPI-000001") { records { labResults { recognition(atHospitalId: "p-onee") { status } } } } }', undefined, headers);
    expect(typo.status).toBe(400);
    expect(typo.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'MEMBER_UNKNOWN', hospitalId: 'p-onee' } }] });
    const referral = await postGraphQL(
      stack.url,
      'mutation($input: RequestReferralInput!) { requestReferral(input: $input) { id } }',
      { input: { patientMpiId: 'MPI-000001', fromHospitalId: 'p-one', toHospitalId: 'p-suspended', urgency: 'ROUTINE', reason: 'r', idempotencyKey: 'k-1' } },
      headers,
    );
    expect(referral.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'MEMBER_UNKNOWN', hospitalId: 'p-suspended' } }]);
    expect(requests()).toBe(before);
  });

  it('lets roles without a hospital through, without a memberStatus claim', async () => {
    const { status } = await postGraphQL(stack.url, QUERY, undefined, await callerHeaders(stack.dataDir, 'analyst'));
    expect(status).toBe(200);
    expect(lastGatewayClaims(stack.members.get('p-one')!).memberStatus).toBeUndefined();
  });

  describe('caller token lifetimes (DESIGN 5)', () => {
    async function devToken(claims: { exp?: number; iat?: number; sub?: string; role?: string }): Promise<string> {
      const key = await loadOrCreateSigningKey(stack.dataDir, DEV_ISSUER_KEY_NAME);
      const { exp, iat, sub, ...rest } = claims;
      let jwt = new SignJWT({ ...rest }).setProtectedHeader({ alg: key.alg, kid: key.kid }).setIssuer(DEV_ISSUER).setAudience(DEV_CALLER_AUDIENCE);
      if (sub !== undefined) jwt = jwt.setSubject(sub);
      if (iat !== undefined) jwt = jwt.setIssuedAt(iat);
      if (exp !== undefined) jwt = jwt.setExpirationTime(exp);
      return jwt.sign(key.privateKey);
    }
    const now = () => Math.floor(Date.now() / 1000);

    it('accepts a token of at most 12 h issued just now (and a few seconds of clock skew)', async () => {
      const token = await devToken({ sub: 'a', role: 'analyst', iat: now() + 5, exp: now() + 12 * 3600 });
      expect((await postGraphQL(stack.url, QUERY, undefined, { authorization: `Bearer ${token}` })).status).toBe(200);
    });

    it.each([
      ['without exp (it would never expire)', () => ({ sub: 'a', role: 'analyst', iat: now() })],
      ['without iat', () => ({ sub: 'a', role: 'analyst', exp: now() + 600 })],
      ['issued 10 years ahead', () => ({ sub: 'a', role: 'analyst', iat: now() + 10 * 365 * 86400, exp: now() + 10 * 365 * 86400 + 600 })],
      ['issued an hour ahead', () => ({ sub: 'a', role: 'analyst', iat: now() + 3600, exp: now() + 7200 })],
      ['living 24 h', () => ({ sub: 'a', role: 'analyst', iat: now(), exp: now() + 24 * 3600 })],
      ['without sub', () => ({ role: 'analyst', iat: now(), exp: now() + 600 })],
      ['without role', () => ({ sub: 'a', iat: now(), exp: now() + 600 })],
    ])('refuses a token %s with 401 UNAUTHENTICATED', async (_name, claims) => {
      const before = requests();
      const { status, body } = await postGraphQL(stack.url, QUERY, undefined, { authorization: `Bearer ${await devToken(claims())}` });
      expect(status).toBe(401);
      expect(body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }]);
      expect(requests()).toBe(before);
    });
  });
});

describe('issuing and configuring caller tokens', () => {
  it('production refuses to start without the configured issuer, and says which setting', async () => {
    const production = { MEDALLIANCE_PRODUCTION: 'true', MEDALLIANCE_JWKS_URL: 'https://idp.example/jwks.json' };
    expect(() => loadGatewayConfig(production)).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ ...production, MEDALLIANCE_JWT_ISSUER: 'https://idp.example/' })).not.toThrow();
    const { code, stderr } = await runCli(['gateway', '--port', '0'], { ...production, MEDALLIANCE_DATA_DIR: scratchDataDir(), MEDALLIANCE_JWT_ISSUER: '' });
    expect(code).not.toBe(0);
    expect(stderr).toContain('MEDALLIANCE_JWT_ISSUER must be set when MEDALLIANCE_PRODUCTION=true');
  });

  it('`medalliance token` refuses a hospital that is neither in the roster nor in the registry, and tokens over 12 h', async () => {
    const env = { MEDALLIANCE_DATA_DIR: scratchDataDir(), MEDALLIANCE_PRODUCTION: 'false' };
    const unknown = await runCli(['token', '--role', 'clinician', '--hospital', 'dh-nowhere'], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('Unknown hospital "dh-nowhere"');
    const long = await runCli(['token', '--role', 'analyst', '--ttl', '24h'], env);
    expect(long.code).not.toBe(0);
    expect(long.stderr).toContain('12 hours');
    const known = await runCli(['token', '--role', 'clinician', '--hospital', 'dh-lead'], env);
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const analyst = await runCli(['token', '--role', 'analyst'], env);
    expect(analyst.code).toBe(0);
  });
});

import { SignJWT } from 'jose';
import { GATEWAY_ISSUER, GATEWAY_KEY_NAME, hospitalAudience } from '../../common/auth/gateway-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { requestHash } from '../../common/auth/request-hash';
import { postGraphQL } from '../support/graphql-client';
import { CALLERS, gatewayHeaders } from '../support/tokens';
import { waitForOutput } from '../support/wait-for-output';
import { startRealAlliance, type RealAlliance } from '../gateway/support/real-alliance';
import { startWiretap, type TappedCall, type Wiretap } from './support/wiretap';

/**
 * DESIGN 5 (issue: a gateway→member token captured on the wire was replayed for a bulk
 * chart read): every part its own process from the built CLI (run `npx tsc -p
 * tsconfig.build.json` first). The registry sends the gateway to dh-lead through a relay
 * that records each call, as an attacker on the network path would; the test then
 * presents the captured tokens straight to the real member.
 */
const DIRECTORY = 'query ($ids: [ID!]) { staffDirectory(first: 3, hospitalIds: $ids) { hospitalId name } }';
const CHARTS = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { name birthDate } } }';

describe('replay-proof gateway → member tokens (real processes)', () => {
  let stack: RealAlliance;
  let tap: Wiretap;
  let member: string;
  beforeAll(async () => {
    tap = await startWiretap();
    stack = await startRealAlliance({
      running: ['dh-lead'],
      gatewayEnv: { MEDALLIANCE_RATE_LIMIT_PER_SECOND: '0', MEDALLIANCE_BREAKER_FAILURES: '1000' },
      registeredUrl: (_id, url) => {
        tap.target = url;
        return tap.url;
      },
    });
    member = stack.hospitals.get('dh-lead')!.url;
    // the contract check went through the relay; the gateway routes to dh-lead from then on
    await waitForOutput(stack.gateway, /member passed the contract check/);
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await tap?.close();
  });

  /** The gateway's calls to dh-lead made while `run` ran. */
  async function tapped(run: () => Promise<unknown>): Promise<TappedCall[]> {
    const before = tap.calls.length;
    await run();
    return tap.calls.slice(before).filter((call) => !call.body.includes('_service'));
  }
  const direct = (call: { headers: Record<string, string> }, body: string) =>
    fetch(member, { method: 'POST', headers: { ...call.headers, 'content-type': 'application/json' }, body }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as { errors?: { extensions?: { code?: string } }[]; data?: unknown },
    }));
  const directory = async () => postGraphQL(stack.gateway.url, DIRECTORY, { ids: ['dh-lead'] }, await stack.headers('clinician', 'dh-lead'));

  it('serves normal gateway traffic, each member call with a fresh token', async () => {
    const calls = await tapped(async () => {
      for (let i = 0; i < 2; i++) {
        const { status, body } = await directory();
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
        expect(body.data.staffDirectory).toHaveLength(3);
      }
    });
    expect(calls).toHaveLength(2);
    expect(calls[0].body).toBe(calls[1].body);
    expect(calls[0].headers.authorization).not.toBe(calls[1].headers.authorization);
  });

  it('refuses a captured token replayed straight to the member with 401', async () => {
    const [call] = await tapped(directory);
    const replay = await direct(call, call.body);
    expect({ status: replay.status, code: replay.body.errors?.[0]?.extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(replay.body.data).toBeUndefined();
  });

  it('refuses an intercepted (never used) token for another query or other variables, and accepts it once for its own', async () => {
    tap.drop = true;
    let call: TappedCall;
    try {
      [call] = await tapped(async () => expect((await directory()).body.errors?.[0]?.extensions?.code).toBe('MEMBER_UNAVAILABLE'));
    } finally {
      tap.drop = false;
    }
    const sent = JSON.parse(call.body) as { query: string; variables: Record<string, unknown> };
    const charts = JSON.stringify({
      query: CHARTS,
      variables: { r: ['MRN-000001', 'MRN-000002', 'MRN-000003', 'MRN-000004'].map((mrn) => ({ __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn })) },
    });
    const otherVariables = JSON.stringify({ ...sent, variables: { ids: ['dh-lead', 'dh-district'] } });
    for (const body of [charts, otherVariables]) {
      const refused = await direct(call, body);
      expect({ status: refused.status, code: refused.body.errors?.[0]?.extensions?.code, data: refused.body.data }).toEqual({
        status: 401,
        code: 'UNAUTHENTICATED',
        data: undefined,
      });
    }
    // the token itself was good: its own request passes once, then never again
    expect((await direct(call, call.body)).status).toBe(200);
    expect((await direct(call, call.body)).status).toBe(401);
  });

  it('refuses a token 31 s after it was signed, and one for another member', async () => {
    const body = { query: DIRECTORY, variables: { ids: ['dh-lead'] } };
    const key = await loadOrCreateSigningKey(stack.dataDir, GATEWAY_KEY_NAME);
    const signedAt = async (secondsAgo: number, jti: string) => {
      const iat = Math.floor(Date.now() / 1000) - secondsAgo;
      const token = await new SignJWT({ role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT', req_hash: requestHash(body) })
        .setProtectedHeader({ alg: key.alg, kid: key.kid })
        .setSubject('dr-replay')
        .setIssuer(GATEWAY_ISSUER)
        .setAudience(hospitalAudience('dh-lead'))
        .setJti(jti)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 25)
        .sign(key.privateKey);
      return { headers: { authorization: `Bearer ${token}` } };
    };
    const text = JSON.stringify(body);
    expect((await direct(await signedAt(31, 'old-1'), text)).status).toBe(401);
    // the same token made 1 s ago passes: the age alone refused the first
    expect((await direct(await signedAt(1, 'young-1'), text)).status).toBe(200);
    const forDistrict = await gatewayHeaders(CALLERS.clinician('dh-lead'), { dataDir: stack.dataDir, audience: hospitalAudience('dh-district') }, body);
    const forLead = await gatewayHeaders(CALLERS.clinician('dh-lead'), { dataDir: stack.dataDir, audience: hospitalAudience('dh-lead') }, body);
    expect((await direct({ headers: forDistrict }, text)).status).toBe(401);
    expect((await direct({ headers: forLead }, text)).status).toBe(200);
  });
});

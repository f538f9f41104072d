import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { postGraphQL } from '../support/graphql-client';
import { callerHeaders } from '../gateway/support/caller-headers';
import { IDP_AUDIENCE, startIdentityProvider, type IdentityProvider } from './support/identity-provider';
import { startMemberGateway, type MemberGateway } from './support/member-gateway';

const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
/** What an error page with a stack or a file system path looks like. */
const STACK_OR_PATH = /\bat [\w.<>]+ \(|node_modules|\/(?:home|usr|tmp|work|app|src)\/|\.[jt]s:\d+|TypeError|Cannot read/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A "member" whose address answers something that is not GraphQL, with words of its own. */
async function startBannerServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/plain');
    res.end('SSH-2.0-OpenSSH_9.6 secret-banner of an internal host');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A GET with a Host header of the caller's choosing (fetch does not let a caller set it). */
function getWithHost(url: string, host: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'GET', headers: { ...headers, host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

const allianceResolvers = { patient: (_: unknown, { mpiId }: { mpiId: string }) => ({ mpiId, records: [] }) };

/** Issue 14, attack 9 (gateway): static files, error pages, request ids, /readyz, FHIR links. */
describe.each([
  ['demo', false],
  ['production (MEDALLIANCE_PRODUCTION=true, NODE_ENV not production)', true],
])('what the gateway leaks: %s', (_mode, production) => {
  let stack: MemberGateway;
  let idp: IdentityProvider | undefined;
  let banner: Awaited<ReturnType<typeof startBannerServer>>;
  const clinician = async (): Promise<Record<string, string>> =>
    production
      ? { authorization: `Bearer ${await idp!.token({ sub: 'dr-lin', role: 'clinician', hospitalId: 'p-one' })}`, 'x-purpose-of-use': 'TREATMENT' }
      : callerHeaders(stack.dataDir, 'clinician', 'p-one');

  beforeAll(async () => {
    expect(process.env.NODE_ENV).not.toBe('production');
    banner = await startBannerServer();
    idp = production ? await startIdentityProvider() : undefined;
    const env: NodeJS.ProcessEnv = production
      ? {
          MEDALLIANCE_PRODUCTION: 'true',
          MEDALLIANCE_JWKS_URL: idp!.jwksUrl,
          MEDALLIANCE_JWT_ISSUER: idp!.issuer,
          MEDALLIANCE_JWT_AUDIENCE: IDP_AUDIENCE,
          MEDALLIANCE_PUBLIC_URL: 'https://gateway.east-lake.example/',
        }
      : {};
    stack = await startMemberGateway([{ id: 'p-one' }], env, { allianceResolvers, alsoListed: [{ id: 'p-banner', url: banner.url }] });
  });
  afterAll(async () => {
    await stack?.close();
    await banner?.close();
    await idp?.close();
  });

  it.each(['/dashboard/assets', '/graphiql-assets'])('answers %s/<prototype key> 404 without a stack or a path', async (prefix) => {
    for (const key of [...PROTOTYPE_KEYS, '..%2Fpackage.json', '%2e%2e%2f%2e%2e%2fpackage.json', '.env']) {
      const response = await fetch(`${stack.base}${prefix}/${key}`);
      const body = await response.text();
      expect([key, response.status]).toEqual([key, 404]);
      expect(body).not.toMatch(STACK_OR_PATH);
    }
  });

  it('still serves the real assets (GraphiQL only in demo)', async () => {
    for (const asset of ['/dashboard/assets/dashboard.js', '/dashboard/assets/dashboard.css', '/dashboard/assets/echarts.min.js']) {
      expect([asset, (await fetch(`${stack.base}${asset}`)).status]).toEqual([asset, 200]);
    }
    const graphiql = await fetch(`${stack.base}/graphiql-assets/graphiql.min.js`);
    expect(graphiql.status).toBe(production ? 404 : 200);
    const page = await fetch(stack.url, { headers: { accept: 'text/html' } });
    expect((await page.text()).includes('GraphiQL')).toBe(!production);
  });

  it('answers malformed requests to any route without a stack', async () => {
    const badJson = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await clinician()) }, body: '{"query": ' });
    expect(badJson.status).toBe(400);
    expect(await badJson.text()).not.toMatch(STACK_OR_PATH);
    const badUri = await fetch(`${stack.base}/dashboard/assets/%E0%A4%A`);
    expect(badUri.status).toBeGreaterThanOrEqual(400);
    expect(badUri.status).toBeLessThan(500);
    expect(await badUri.text()).not.toMatch(STACK_OR_PATH);
  });

  it("stores the gateway's own request id at the members, never the caller's", async () => {
    const member = stack.members.get('p-one')!;
    const response = await postGraphQL(stack.url, '{ staffDirectory { name } }', undefined, { ...(await clinician()), 'x-request-id': 'attacker-chosen-id' });
    expect(response.status).toBe(200);
    const ours = response.headers.get('x-request-id')!;
    expect(ours).toMatch(UUID);
    const last = member.received[member.received.length - 1];
    expect(last.headers['x-request-id']).toBe(ours);
    expect(JSON.stringify(last.headers)).not.toContain('attacker-chosen-id');
  });

  it('never echoes what a member address answered in /readyz', async () => {
    const response = await fetch(`${stack.base}/readyz`);
    const text = await response.text();
    expect(text).not.toMatch(/OpenSSH|secret-banner|127\.0\.0\.1|status \d{3}/);
    const banner = JSON.parse(text).members.find((m: { hospitalId: string }) => m.hospitalId === 'p-banner');
    // health (DESIGN 4) in the gateway's own words only
    expect(banner).toEqual({
      hospitalId: 'p-banner',
      name: 'Hospital p-banner',
      state: 'pending',
      reasonCode: 'UNREACHABLE',
      breaker: 'closed',
      health: 'down',
      lastError: 'not reachable for the contract check',
      latencyMs: expect.any(Number),
      lastCheckAt: expect.any(String),
      since: expect.any(String),
    });
  });

  it('builds FHIR Bundle links from the configured base URL, never from the Host header', async () => {
    const { status, body } = await getWithHost(`${stack.base}/fhir/r4/Observation?patient=MPI-000001`, 'evil.example:666', await clinician());
    expect(status).toBe(200);
    expect(body).not.toContain('evil.example');
    const bundle = JSON.parse(body);
    const base = production ? 'https://gateway.east-lake.example' : `http://127.0.0.1:${stack.gateway.port}`;
    expect(bundle.link).toEqual([
      { relation: 'self', url: `${base}/fhir/r4/Observation?patient=MPI-000001` },
      { relation: 'first', url: `${base}/fhir/r4/Observation?patient=MPI-000001` },
    ]);
  });
});

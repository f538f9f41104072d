import { loadGatewayConfig } from '../../common/config/gateway-settings';
import { createLogger } from '../../common/log';
import { startGateway, type RunningGateway } from '../../gateway/start-gateway';
import { postGraphQL } from '../support/graphql-client';
import { callerHeaders } from './support/caller-headers';
import { startAllianceDirectory, startPartnerHospital } from './support/partner-hospital';
import { scratchDataDir, scratchSchemaFolder } from './support/schema-folder';
import type { TinySubgraph } from './support/tiny-subgraph';

/** The gateway's HTTP surface: GraphQL over HTTP, local GraphiQL, health, metrics, request ids, disk registry. */
describe('gateway HTTP shell', () => {
  let partner: TinySubgraph;
  let alliance: Awaited<ReturnType<typeof startAllianceDirectory>>;
  let gateway: RunningGateway;
  let base: string;
  const dataDir = scratchDataDir();
  const schemaDir = scratchSchemaFolder();
  const config = (allianceUrl: string) =>
    loadGatewayConfig({ PORT: '0', ALLIANCE_URL: allianceUrl, MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_REGISTRY_POLL_MS: '3600000', MEDALLIANCE_MEMBER_TIMEOUT_MS: '1000' });

  beforeAll(async () => {
    partner = await startPartnerHospital('p-one', { staff: ['Lin'] });
    alliance = await startAllianceDirectory([{ id: 'p-one', url: partner.url }]);
    gateway = await startGateway(config(alliance.url), { schemaDir, logger: createLogger('gateway', 'silent') });
    base = gateway.url.replace(/\/graphql$/, '');
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([partner, alliance].map((s) => s?.close()));
  });

  it("answers GraphQL over HTTP with application/graphql-response+json, sending its own request id (never the caller's) to the member and back", async () => {
    const response = await postGraphQL(gateway.url, '{ staffDirectory { name } }', undefined, {
      ...(await callerHeaders(dataDir, 'clinician', 'p-one')),
      'x-request-id': 'req-42',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body).toEqual({ data: { staffDirectory: [{ name: 'Lin' }] } });
    const last = partner.received[partner.received.length - 1];
    expect(last.headers['x-request-id']).toBe(requestId);
    expect(last.headers['x-purpose-of-use']).toBe('TREATMENT');
  });

  it('generates a new request id for every request', async () => {
    const ids = new Set<string | null>();
    for (const callerId of [undefined, 'bad id with spaces', 'same', 'same']) {
      const response = await postGraphQL(gateway.url, '{ staffDirectory { name } }', undefined, {
        ...(await callerHeaders(dataDir)),
        ...(callerId ? { 'x-request-id': callerId } : {}),
      });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(response.headers.get('x-request-id'));
    }
    expect(ids.size).toBe(4);
  });

  it('serves GraphiQL and its bundles from local files to a browser', async () => {
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="graphiql">');
    expect(html).not.toMatch(/https?:\/\//);
    for (const src of html.match(/(?:src|href)="([^"]+)"/g)!.map((m) => m.split('"')[1])) {
      const asset = await fetch(`${base}${src}`);
      expect([src, asset.status]).toEqual([src, 200]);
      expect((await asset.text()).length).toBeGreaterThan(10);
    }
    expect((await fetch(`${base}/graphiql-assets/package.json`)).status).toBe(404);
  });

  it('reports health, readiness and metrics', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', service: 'gateway' });
    const ready = await (await fetch(`${base}/readyz`)).json();
    expect(ready).toMatchObject({
      status: 'ready',
      registry: { source: 'alliance', allianceReachable: true },
      members: [{ hospitalId: 'p-one', state: 'ready', breaker: 'closed' }],
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/medalliance_gateway_requests_total\{operation="anonymous",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/medalliance_gateway_member_request_duration_seconds_count\{hospital_id="p-one",outcome="ok"\} \d+/);
    expect(metrics).toMatch(/medalliance_gateway_member_breaker_state\{hospital_id="p-one"\} 0/);
  });

  it.each([
    ['a bad bearer token', { authorization: 'Bearer not-a-token' }],
    ['no token at all', {}],
  ])('refuses %s with 401 UNAUTHENTICATED before any member is called', async (_name, headers: Record<string, string>) => {
    const before = partner.received.length;
    const response = await postGraphQL(gateway.url, '{ staffDirectory { name } }', undefined, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(partner.received.length).toBe(before);
  });

  it('starts from the last good registry on disk when the alliance is unreachable', async () => {
    await alliance.close();
    const second = await startGateway(config(alliance.url), { schemaDir, logger: createLogger('gateway', 'silent') });
    try {
      const ready = await (await fetch(second.url.replace(/\/graphql$/, '/readyz'))).json();
      expect(ready).toMatchObject({ status: 'ready', registry: { source: 'disk', allianceReachable: false }, members: [{ hospitalId: 'p-one', state: 'ready' }] });
      const { body } = await postGraphQL(second.url, '{ staffDirectory { name } }', undefined, await callerHeaders(dataDir));
      expect(body).toEqual({ data: { staffDirectory: [{ name: 'Lin' }] } });
    } finally {
      await second.close();
    }
  });
});

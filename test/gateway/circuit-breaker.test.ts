import { loadGatewayConfig } from '../../common/config/gateway-settings';
import { createLogger } from '../../common/log';
import { startGateway, type RunningGateway } from '../../gateway/start-gateway';
import { postGraphQL } from '../support/graphql-client';
import { callerHeaders } from './support/caller-headers';
import { startAllianceDirectory, startPartnerHospital } from './support/partner-hospital';
import { schemaText, scratchDataDir, scratchSchemaFolder } from './support/schema-folder';
import { startSilentServer, type TinySubgraph } from './support/tiny-subgraph';

/** A member that keeps timing out is cut off: its part is answered at once, no request sent. */
describe('member circuit breaker', () => {
  let partner: TinySubgraph;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let alliance: Awaited<ReturnType<typeof startAllianceDirectory>>;
  let gateway: RunningGateway;
  const dataDir = scratchDataDir();
  /** An analyst's request: the fan-out is the same for every role. */
  const post = async (query: string, variables?: Record<string, unknown>) => postGraphQL(gateway.url, query, variables, await callerHeaders(dataDir));

  beforeAll(async () => {
    partner = await startPartnerHospital('p-ok', { staff: ['Lin'] });
    silent = await startSilentServer(schemaText('hospital.graphql'));
    alliance = await startAllianceDirectory([
      { id: 'p-ok', url: partner.url },
      { id: 'p-hung', url: silent.url },
    ]);
    const config = loadGatewayConfig({
      PORT: '0',
      ALLIANCE_URL: alliance.url,
      MEDALLIANCE_DATA_DIR: dataDir,
      MEDALLIANCE_REGISTRY_POLL_MS: '3600000',
      // no health probes: the hung member counts every request it holds
      MEDALLIANCE_MEMBER_PROBE_MS: '60000',
      MEDALLIANCE_MEMBER_TIMEOUT_MS: '200',
      MEDALLIANCE_BREAKER_FAILURES: '2',
      MEDALLIANCE_BREAKER_COOLDOWN_MS: '3600000',
    });
    gateway = await startGateway(config, { schemaDir: scratchSchemaFolder(), logger: createLogger('gateway', 'silent') });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([partner, alliance, silent].map((s) => s?.close()));
  });

  it('opens after the threshold and answers without calling the member', async () => {
    const query = '{ staffDirectory { hospitalId name } }';
    for (let i = 0; i < 2; i += 1) {
      const { body } = await post(query);
      expect(body.errors?.[0].message).toContain('timed out');
    }
    expect(silent.pending).toBe(2);
    const { body } = await post(query);
    expect(body.data.staffDirectory).toEqual([{ hospitalId: 'p-ok', name: 'Lin' }]);
    expect(body.errors).toEqual([{ message: expect.stringContaining('temporarily cut off'), extensions: { code: 'MEMBER_UNAVAILABLE', hospitalId: 'p-hung' } }]);
    expect(silent.pending).toBe(2);

    const base = gateway.url.replace(/\/graphql$/, '');
    const ready: any = await (await fetch(`${base}/readyz`)).json();
    expect(ready.members.find((m: any) => m.hospitalId === 'p-hung').breaker).toBe('open');
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/medalliance_gateway_member_breaker_state\{hospital_id="p-hung"\} 2/);
  });
});

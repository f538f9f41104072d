import { loadGatewayConfig } from '../../common/config/gateway-settings';
import { createLogger } from '../../common/log';
import { startGateway, type RunningGateway } from '../../gateway/start-gateway';
import type { RegistrySnapshot } from '../../gateway/registry/member-registry';
import { postGraphQL } from '../support/graphql-client';
import { spawnCli, type SpawnedService } from '../support/spawn-cli';
import { CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { callerHeaders } from '../gateway/support/caller-headers';
import { startAllianceDirectory } from '../gateway/support/partner-hospital';
import { scratchDataDir, scratchSchemaFolder } from '../gateway/support/schema-folder';

/**
 * A real hospital subgraph (built CLI) that trusts the gateway only through the JWKS the
 * gateway publishes (MEDALLIANCE_GATEWAY_JWKS_URL), with its own data directory: no
 * shared key file. The gateway runs in-process; the alliance directory is a tiny stand-in
 * whose member list the test fills once the hospital is up.
 */
describe("hospital subgraph verifying the gateway's calls through its JWKS URL", () => {
  const gatewayDir = scratchDataDir();
  const hospitalDir = scratchDataDir();
  let alliance: Awaited<ReturnType<typeof startAllianceDirectory>>;
  let gateway: RunningGateway;
  let hospital: SpawnedService;

  beforeAll(async () => {
    alliance = await startAllianceDirectory([]);
    const config = loadGatewayConfig({ PORT: '0', ALLIANCE_URL: alliance.url, MEDALLIANCE_DATA_DIR: gatewayDir, MEDALLIANCE_REGISTRY_POLL_MS: '100' });
    gateway = await startGateway(config, { schemaDir: scratchSchemaFolder(), logger: createLogger('gateway', 'silent') });
    const jwksUrl = gateway.url.replace(/\/graphql$/, '/.well-known/jwks.json');
    hospital = await spawnCli(['hospital', '--id', 'dh-lead', '--port', '0'], {
      MEDALLIANCE_DATA_DIR: hospitalDir,
      MEDALLIANCE_GATEWAY_JWKS_URL: jwksUrl,
      MEDALLIANCE_SEED_PATIENTS: '20',
      DATABASE_URL: '',
    });
    const ready = new Promise<void>((resolve) => {
      const onUpdate = (snapshot: RegistrySnapshot) => {
        if (!snapshot.members.some((m) => m.hospitalId === 'dh-lead' && m.state !== 'pending')) return;
        gateway.registry.off('updated', onUpdate);
        resolve();
      };
      gateway.registry.on('updated', onUpdate);
    });
    alliance.members.push({ id: 'dh-lead', url: hospital.url });
    await ready;
  }, 60_000);

  afterAll(async () => {
    await gateway?.close();
    await hospital?.stop();
    await alliance?.close();
  });

  it("passes the contract check and answers the gateway's calls", async () => {
    expect(gateway.registry.snapshot().members).toEqual([expect.objectContaining({ hospitalId: 'dh-lead', state: 'ready' })]);
    const { status, body } = await postGraphQL(gateway.url, '{ staffDirectory(first: 3) { hospitalId name } }', undefined, await callerHeaders(gatewayDir));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.staffDirectory).toHaveLength(3);
  });

  it('refuses a token signed by a key the JWKS does not list', async () => {
    const forged = await gatewayHeaders(CALLERS.analyst(), { dataDir: hospitalDir, audience: hospitalAudience('dh-lead') }, { query: '{ staffDirectory { name } }' });
    const { status, body } = await postGraphQL(hospital.url, '{ staffDirectory { name } }', undefined, forged);
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

import { DEV_ISSUER_KEY_NAME, issueDevToken } from '../../common/auth/caller-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { postGraphQL } from '../support/graphql-client';
import { createScratchDatabase, describeMysql, MYSQL_SERVER_URL } from '../support/mysql';
import { spawnCli, type SpawnedService } from '../support/spawn-cli';
import { createTcpProxy, freePort, type TcpProxy } from '../support/tcp-proxy';
import { scratchDataDir } from './support/schema-folder';

/**
 * The alliance on MariaDB through a TCP proxy the test cuts (never the shared server):
 * once its database is gone, the alliance's fields are ALLIANCE_UNAVAILABLE at the
 * gateway, not INTERNAL_SERVER_ERROR with the driver's socket text; back with the database.
 */
describeMysql('the alliance loses its MariaDB (real processes)', () => {
  const dataDir = scratchDataDir();
  const started: SpawnedService[] = [];
  let proxy: TcpProxy | undefined;
  let drop: (() => Promise<void>) | undefined;

  afterAll(async () => {
    for (const service of started.reverse()) await service.stop();
    await proxy?.stop();
    await drop?.();
  });

  it('ALLIANCE_UNAVAILABLE while the database is away, answers again when it is back', async () => {
    const scratch = await createScratchDatabase('outage_alliance');
    drop = scratch.drop;
    const server = new URL(MYSQL_SERVER_URL);
    proxy = createTcpProxy(await freePort(), { host: server.hostname, port: Number(server.port || 3306) });
    await proxy.start();
    const viaProxy = new URL(scratch.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    await loadOrCreateSigningKey(dataDir, 'gateway');
    const env = { MEDALLIANCE_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    const alliance = await spawnCli(['alliance', '--port', '0'], { ...env, DATABASE_URL: viaProxy.toString() });
    started.push(alliance);
    const gateway = await spawnCli(['gateway', '--port', '0'], { ...env, DATABASE_URL: '', ALLIANCE_URL: alliance.url, MEDALLIANCE_ALLIANCE_TIMEOUT_MS: '1500' });
    started.push(gateway);
    const token = await issueDevToken(await loadOrCreateSigningKey(dataDir, DEV_ISSUER_KEY_NAME), { role: 'analyst', ttl: '1h' });
    const ask = () => postGraphQL(gateway.url, '{ hospitals { id } }', undefined, { authorization: `Bearer ${token}` });

    expect((await ask()).body.data.hospitals.length).toBeGreaterThan(0);
    await proxy.stop();
    const { body } = await ask();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['ALLIANCE_UNAVAILABLE']);
    expect(JSON.stringify(body)).not.toMatch(/ECONN|PROTOCOL|socket|INTERNAL_SERVER_ERROR|127\.0\.0\.1|localhost/i);
    await proxy.start();
    expect((await ask()).body.data.hospitals.length).toBeGreaterThan(0);
  }, 120_000);
});

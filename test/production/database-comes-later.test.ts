import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postGraphQL } from '../support/graphql-client';
import { createScratchDatabase, itMysql, MYSQL_SERVER_URL } from '../support/mysql';
import { spawnCli } from '../support/spawn-cli';
import { createTcpProxy, freePort } from '../support/tcp-proxy';
import { CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { waitForOutput } from '../support/wait-for-output';

async function readyz(port: number): Promise<{ status: number; body: { status: string; database?: string } }> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; database?: string } };
}

describe('a hospital subgraph whose MySQL is not there yet, then goes away, then returns', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-db-later-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  itMysql('listens not-ready, becomes ready when MySQL appears, reports the loss and recovers without a restart', async () => {
    const scratch = await createScratchDatabase('db_later');
    const server = new URL(MYSQL_SERVER_URL);
    const proxy = createTcpProxy(await freePort(), { host: server.hostname, port: Number(server.port || 3306) });
    const viaProxy = new URL(scratch.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);

    const service = await spawnCli(['hospital', '--id', 'dh-chc-hill', '--port', '0'], {
      MEDALLIANCE_DATA_DIR: dataDir,
      MEDALLIANCE_SEED_PATIENTS: '20',
      DATABASE_URL: viaProxy.toString(),
    });
    try {
      // a fresh token per request: a subgraph accepts each gateway token once
      const headers = () => gatewayHeaders(CALLERS.clinician('dh-chc-hill'), { dataDir, audience: hospitalAudience('dh-chc-hill') }, { query: '{ departments { id } }' });
      const url = `http://127.0.0.1:${service.port}/graphql`;
      expect(service.output()).toMatch(/database unreachable; retrying/);
      expect(await readyz(service.port)).toEqual({ status: 503, body: { status: 'not-ready', service: 'hospital', database: 'down' } });
      const early = await postGraphQL(url, '{ departments { id } }', undefined, await headers());
      expect(early.status).toBe(503);
      expect(early.body.errors?.map((e) => e.extensions?.code)).toEqual(['MEMBER_UNAVAILABLE']);

      await proxy.start();
      await waitForOutput(service, /"msg":"database ready"/);
      expect((await readyz(service.port)).status).toBe(200);
      const served = await postGraphQL(url, '{ departments { id } }', undefined, await headers());
      expect(served.status).toBe(200);
      expect(served.body.data.departments.length).toBeGreaterThan(3);

      await proxy.stop();
      expect(await readyz(service.port)).toEqual({ status: 503, body: { status: 'not-ready', service: 'hospital', database: 'down' } });

      await proxy.start();
      expect((await readyz(service.port)).status).toBe(200);
      expect((await postGraphQL(url, '{ departments { id } }', undefined, await headers())).body.data.departments.length).toBeGreaterThan(3);
      expect(service.child.exitCode).toBeNull();
    } finally {
      await service.stop('SIGTERM');
      await proxy.stop();
      await scratch.drop();
    }
  });
});

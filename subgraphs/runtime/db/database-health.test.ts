import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { createLogger } from '../../../common/log';
import { itMysql, MYSQL_SERVER_URL } from '../../../test/support/mysql';
import { createDataSource } from './create-data-source';
import { watchDatabase } from './database-health';

@Entity({ name: 'health_probe' })
class HealthProbe {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  id: string;

  @Column({ type: 'int' })
  n: number;
}

const logger = createLogger('database-health-test', 'silent');

describe('watchDatabase', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-health-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('connects, prepares once, pings, and reports closed after close()', async () => {
    const dataSource = createDataSource({ dataDir, name: 'health' }, { entities: [HealthProbe], migrations: [] });
    const prepared: string[] = [];
    const health = watchDatabase(dataSource, { logger, prepare: async (ds) => void prepared.push(String(ds.isInitialized)) });
    await health.firstAttempt;
    await health.connected;
    expect(health.state()).toBe('ready');
    expect(prepared).toEqual(['true']);
    expect(await health.check()).toBe(true);
    await health.close();
    expect(health.state()).toBe('closed');
    expect(dataSource.isInitialized).toBe(false);
    expect(await health.check()).toBe(false);
  });

  itMysql('does not retry a fault such as a refused login: the first attempt fails', async () => {
    const url = new URL(MYSQL_SERVER_URL);
    url.username = 'medalliance_no_such_user';
    url.password = 'wrong';
    url.pathname = '/medalliance_none';
    const dataSource = createDataSource({ dataDir, name: 'none', databaseUrl: url.toString() }, { entities: [HealthProbe], migrations: [] });
    const health = watchDatabase(dataSource, { logger });
    await expect(health.firstAttempt).rejects.toMatchObject({ code: 'ER_ACCESS_DENIED_ERROR' });
    expect(await health.check()).toBe(false);
    await health.close();
  });
});

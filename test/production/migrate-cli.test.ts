import { HOSPITAL_MIGRATIONS } from '../../subgraphs/hospital/migrations';
import { createScratchDatabase, itMysql, MYSQL_SERVER_URL } from '../support/mysql';
import { runCli } from '../support/run-cli';

describe('medalliance migrate (built CLI)', () => {
  itMysql('applies the pending hospital migrations once and names them', async () => {
    const scratch = await createScratchDatabase('migrate_cli');
    try {
      const first = await runCli(['migrate', '--hospital', 'dh-lead'], { DATABASE_URL: scratch.url });
      expect(first).toMatchObject({ code: 0, stderr: '' });
      expect(first.stdout).toContain(`hospital dh-lead database ${scratch.name}: applied ${HOSPITAL_MIGRATIONS.length} migration`);
      for (const migration of HOSPITAL_MIGRATIONS) expect(first.stdout).toContain(migration.name);

      const again = await runCli(['migrate', '--hospital', 'dh-lead'], { DATABASE_URL: scratch.url });
      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout).toContain('up to date, no migration to run');
    } finally {
      await scratch.drop();
    }
  });

  it('says clearly what is wrong with its arguments or database', async () => {
    const embedded = await runCli(['migrate', '--hospital', 'dh-lead'], { DATABASE_URL: '' });
    expect(embedded.code).toBe(1);
    expect(embedded.stderr).toMatch(/MySQL\/MariaDB only: set DATABASE_URL=mysql:/);
    const both = await runCli(['migrate', '--hospital', 'dh-lead', '--alliance'], { DATABASE_URL: MYSQL_SERVER_URL });
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/--hospital <hospitalId> or --alliance/);
    const badUrl = await runCli(['migrate', '--alliance'], { DATABASE_URL: 'postgres://db/x' });
    expect(badUrl.code).toBe(1);
    expect(badUrl.stderr).toContain('Invalid configuration:\n  - DATABASE_URL must use mysql:');
  });
});

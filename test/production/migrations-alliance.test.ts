import path from 'node:path';
import { ALLIANCE_ENTITIES } from '../../subgraphs/alliance/alliance-entities';
import { ALLIANCE_MIGRATIONS } from '../../subgraphs/alliance/migrations';
import { expectEveryMigrationFileListed, expectMigrationsMatchEntities } from '../support/expect-migrations-match-entities';
import { createScratchDatabase, itMysql } from '../support/mysql';

describe('alliance migrations on MySQL/MariaDB', () => {
  it('lists every migration file of the folder', () => {
    expectEveryMigrationFileListed(path.resolve(__dirname, '../../subgraphs/alliance/migrations'), ALLIANCE_MIGRATIONS);
  });

  itMysql('produce exactly the schema the entities expect, and revert cleanly', async () => {
    const scratch = await createScratchDatabase('mig_alliance');
    try {
      await expectMigrationsMatchEntities({ url: scratch.url, entities: ALLIANCE_ENTITIES, migrations: ALLIANCE_MIGRATIONS });
    } finally {
      await scratch.drop();
    }
  });
});

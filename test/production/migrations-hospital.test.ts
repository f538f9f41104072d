import path from 'node:path';
import { HOSPITAL_ENTITIES } from '../../subgraphs/hospital/entities';
import { HOSPITAL_MIGRATIONS } from '../../subgraphs/hospital/migrations';
import { expectEveryMigrationFileListed, expectMigrationsMatchEntities } from '../support/expect-migrations-match-entities';
import { createScratchDatabase, itMysql } from '../support/mysql';

describe('hospital migrations on MySQL/MariaDB', () => {
  it('lists every migration file of the folder', () => {
    expectEveryMigrationFileListed(path.resolve(__dirname, '../../subgraphs/hospital/migrations'), HOSPITAL_MIGRATIONS);
  });

  itMysql('produce exactly the schema the entities expect, and revert cleanly', async () => {
    const scratch = await createScratchDatabase('mig_hospital');
    try {
      await expectMigrationsMatchEntities({ url: scratch.url, entities: HOSPITAL_ENTITIES, migrations: HOSPITAL_MIGRATIONS });
    } finally {
      await scratch.drop();
    }
  });
});

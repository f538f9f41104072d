import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity feed of the master patient index: a salted hash of each chart's national
 * id (matching), the merge redirect of a person, and the index's own secrets (the salt).
 */
export class MpiIdentityFeed1765100000000 implements MigrationInterface {
  name = 'MpiIdentityFeed1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `mpi_record` ADD `national_id_hash` varchar(64) NULL DEFAULT NULL');
    await queryRunner.query('CREATE INDEX `idx_mpi_record_national_id` ON `mpi_record` (`national_id_hash`)');
    await queryRunner.query('ALTER TABLE `mpi_patient` ADD `merged_into` varchar(32) NULL DEFAULT NULL');
    await queryRunner.query('CREATE TABLE `mpi_secret` (`name` varchar(32) NOT NULL, `value` varchar(128) NOT NULL, PRIMARY KEY (`name`)) ENGINE=InnoDB');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `mpi_secret`');
    await queryRunner.query('ALTER TABLE `mpi_patient` DROP COLUMN `merged_into`');
    await queryRunner.query('DROP INDEX `idx_mpi_record_national_id` ON `mpi_record`');
    await queryRunner.query('ALTER TABLE `mpi_record` DROP COLUMN `national_id_hash`');
  }
}

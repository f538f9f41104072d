import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an imported FHIR resource said, kept as given (contract 1.2): the source's
 * identifiers, code, status, performer, every reference range, method and notes of a lab
 * result; every name, telecom, address, national id and other identifiers of a chart.
 * Nullable columns only: existing rows keep their values and read as "nothing given".
 */
export class KeptFhirElements1765400000000 implements MigrationInterface {
  name = 'KeptFhirElements1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `lab_result` ADD `source_identifiers` text NULL, ADD `source_code` text NULL, ADD `fhir_status` varchar(20) NULL, ADD `performers` text NULL, ADD `reference_ranges` text NULL, ADD `method` text NULL, ADD `notes` text NULL',
    );
    await queryRunner.query(
      'ALTER TABLE `patient_record` ADD `names` text NULL, ADD `telecom` text NULL, ADD `addresses` text NULL, ADD `national_id` varchar(18) NULL, ADD `identifiers` text NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `patient_record` DROP COLUMN `identifiers`, DROP COLUMN `national_id`, DROP COLUMN `addresses`, DROP COLUMN `telecom`, DROP COLUMN `names`',
    );
    await queryRunner.query(
      'ALTER TABLE `lab_result` DROP COLUMN `notes`, DROP COLUMN `method`, DROP COLUMN `reference_ranges`, DROP COLUMN `performers`, DROP COLUMN `fhir_status`, DROP COLUMN `source_code`, DROP COLUMN `source_identifiers`',
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Chart links waiting for the alliance's master patient index (`identity-feed/`). */
export class PatientLinkOutbox1765100000000 implements MigrationInterface {
  name = 'PatientLinkOutbox1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `patient_link_outbox` (`id` varchar(64) NOT NULL, `mrn` varchar(64) NOT NULL, `payload` text NOT NULL, `attempts` int NOT NULL DEFAULT '0', `next_attempt_at` datetime(3) NOT NULL, `last_error` varchar(64) NULL DEFAULT NULL, `created_at` datetime(3) NOT NULL, INDEX `idx_link_outbox_due` (`next_attempt_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `patient_link_outbox`');
  }
}

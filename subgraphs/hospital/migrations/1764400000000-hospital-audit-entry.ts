import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hash-chained audit trail (DESIGN 5) on MySQL/MariaDB, as the runtime's
 * `AuditEntry` entity describes it. `uq_audit_hash` refuses a fork of the chain.
 */
export class HospitalAuditEntry1764400000000 implements MigrationInterface {
  name = 'HospitalAuditEntry1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `audit_entry` (`seq` int NOT NULL AUTO_INCREMENT, `at` datetime(3) NOT NULL, `request_id` varchar(100) NOT NULL, `subject` varchar(200) NOT NULL, `role` varchar(20) NOT NULL, `caller_hospital_id` varchar(64) NULL, `served_by` varchar(64) NOT NULL, `purpose` varchar(20) NULL, `action` varchar(10) NOT NULL, `operation_name` varchar(200) NULL, `operation_hash` varchar(64) NOT NULL, `patient_refs` text NOT NULL, `outcome` varchar(20) NOT NULL, `prev_hash` varchar(64) NOT NULL, `hash` varchar(64) NOT NULL, INDEX `idx_audit_at` (`at`), UNIQUE INDEX `uq_audit_hash` (`hash`), PRIMARY KEY (`seq`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `audit_entry`');
  }
}

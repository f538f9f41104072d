import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alliance database on MySQL/MariaDB (generated from the entities with TypeORM's
 * schema builder against an empty database, then checked by running it). DateTime
 * columns are datetime(3): the contract returns milliseconds.
 */
export class InitialAllianceSchema1764300000000 implements MigrationInterface {
  name = 'InitialAllianceSchema1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `idempotency_record` (`operation` varchar(64) NOT NULL, `idempotency_key` varchar(200) NOT NULL, `input_hash` varchar(64) NOT NULL, `result_id` varchar(64) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (`operation`, `idempotency_key`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `audit_entry` (`id` int NOT NULL AUTO_INCREMENT, `at` datetime(3) NOT NULL, `subject` varchar(200) NOT NULL, `role` varchar(16) NOT NULL, `hospital_id` varchar(64) NULL, `purpose` varchar(16) NULL, `operation` varchar(64) NOT NULL, `target_id` varchar(64) NULL, `outcome` varchar(32) NOT NULL, `patient_refs` text NOT NULL, INDEX `idx_audit_time` (`at`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `expert_dispatch` (`id` varchar(64) NOT NULL, `expert_hospital_id` varchar(64) NOT NULL, `expert_id` varchar(64) NOT NULL, `to_hospital_id` varchar(64) NOT NULL, `to_department_id` varchar(64) NULL, `purpose` varchar(16) NOT NULL, `start_at` datetime(3) NOT NULL, `end_at` datetime(3) NOT NULL, `status` varchar(16) NOT NULL, `patients_seen` int NOT NULL DEFAULT '0', `procedures_performed` int NOT NULL DEFAULT '0', INDEX `idx_dispatch_to` (`to_hospital_id`), INDEX `idx_dispatch_start` (`start_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query('CREATE TABLE `mpi_patient` (`mpi_id` varchar(32) NOT NULL, `created_at` datetime(3) NOT NULL, PRIMARY KEY (`mpi_id`)) ENGINE=InnoDB');
    await queryRunner.query(
      'CREATE TABLE `mpi_record` (`hospital_id` varchar(64) NOT NULL, `mrn` varchar(64) NOT NULL, `mpi_id` varchar(32) NOT NULL, INDEX `idx_mpi_record_person` (`mpi_id`), PRIMARY KEY (`hospital_id`, `mrn`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `recognition_decision` (`id` varchar(64) NOT NULL, `result_hospital_id` varchar(64) NOT NULL, `result_id` varchar(64) NOT NULL, `loinc` varchar(32) NOT NULL, `at_hospital_id` varchar(64) NOT NULL, `decision` varchar(16) NOT NULL, `retest_reason` varchar(40) NULL, `note` varchar(2000) NULL, `decided_by` varchar(200) NOT NULL, `decided_at` datetime(3) NOT NULL, `saved_yuan` double NOT NULL, INDEX `idx_decision_time` (`decided_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `recognition_item` (`loinc` varchar(32) NOT NULL, `name` varchar(200) NOT NULL, `category` varchar(16) NOT NULL, `scope` varchar(16) NOT NULL, `mark` varchar(32) NOT NULL, `validity_days` int NOT NULL, `price_yuan` double NOT NULL, PRIMARY KEY (`loinc`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `referral_event` (`referral_id` varchar(64) NOT NULL, `seq` int NOT NULL, `at` datetime(3) NOT NULL, `from_status` varchar(16) NULL, `to_status` varchar(16) NOT NULL, `changed_by` varchar(200) NOT NULL, `note` varchar(1000) NULL, PRIMARY KEY (`referral_id`, `seq`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `referral` (`id` varchar(64) NOT NULL, `patient_mpi_id` varchar(32) NOT NULL, `from_hospital_id` varchar(64) NOT NULL, `to_hospital_id` varchar(64) NOT NULL, `to_department_id` varchar(64) NULL, `direction` varchar(16) NOT NULL, `urgency` varchar(16) NOT NULL, `status` varchar(16) NOT NULL, `reason` varchar(1000) NOT NULL, `diagnosis_code` varchar(16) NULL, `attached_results` text NOT NULL, `requested_at` datetime(3) NOT NULL, `respond_by` datetime(3) NOT NULL, `responded_at` datetime(3) NULL, `scheduled_at` datetime(3) NULL, `outcome` varchar(1000) NULL, INDEX `idx_referral_to` (`to_hospital_id`, `requested_at`), INDEX `idx_referral_from` (`from_hospital_id`, `requested_at`), INDEX `idx_referral_patient` (`patient_mpi_id`), INDEX `idx_referral_requested` (`requested_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `alliance_hospital` (`id` varchar(64) NOT NULL, `name` varchar(200) NOT NULL, `level` varchar(16) NOT NULL, `role` varchar(16) NOT NULL, `region` varchar(200) NOT NULL, `status` varchar(16) NOT NULL, `joined_at` datetime(3) NOT NULL, `recognition_mark` varchar(32) NULL, `subgraph_url` varchar(500) NOT NULL, INDEX `idx_hospital_status` (`status`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `lab_qualification` (`id` varchar(64) NOT NULL, `hospital_id` varchar(64) NOT NULL, `loinc` varchar(32) NOT NULL, `program` varchar(200) NOT NULL, `passed` tinyint NOT NULL, `valid_from` varchar(10) NOT NULL, `valid_until` varchar(10) NOT NULL, INDEX `idx_qualification_hospital` (`hospital_id`, `loinc`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `membership_event` (`id` varchar(64) NOT NULL, `hospital_id` varchar(64) NOT NULL, `from_status` varchar(16) NULL, `to_status` varchar(16) NOT NULL, `reason` varchar(500) NOT NULL, `at` datetime(3) NOT NULL, `changed_by` varchar(200) NOT NULL, INDEX `idx_membership_event_hospital` (`hospital_id`, `at`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `training` (`id` varchar(64) NOT NULL, `trainee_hospital_id` varchar(64) NOT NULL, `trainee_id` varchar(64) NOT NULL, `host_hospital_id` varchar(64) NOT NULL, `host_department_id` varchar(64) NULL, `program` varchar(200) NOT NULL, `start_date` varchar(10) NOT NULL, `end_date` varchar(10) NOT NULL, `status` varchar(16) NOT NULL, `completed_at` datetime(3) NULL, INDEX `idx_training_start` (`start_date`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'training',
      'membership_event',
      'lab_qualification',
      'alliance_hospital',
      'referral',
      'referral_event',
      'recognition_item',
      'recognition_decision',
      'mpi_record',
      'mpi_patient',
      'expert_dispatch',
      'audit_entry',
      'idempotency_record',
    ]) {
      await queryRunner.query(`DROP TABLE \`${table}\``);
    }
  }
}

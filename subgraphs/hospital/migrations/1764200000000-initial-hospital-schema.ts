import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hospital database on MySQL/MariaDB (generated from the entities, then checked by
 * running it). DateTime columns are datetime(3): the contract returns milliseconds.
 * `uq_booking_active_slot` is what makes concurrent bookings of one slot safe.
 */
export class InitialHospitalSchema1764200000000 implements MigrationInterface {
  name = 'InitialHospitalSchema1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `idempotency_record` (`operation` varchar(64) NOT NULL, `idempotency_key` varchar(200) NOT NULL, `input_hash` varchar(64) NOT NULL, `result_id` varchar(64) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (`operation`, `idempotency_key`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `resource_booking` (`id` varchar(64) NOT NULL, `resource_id` varchar(64) NOT NULL, `slot_start` datetime(3) NOT NULL, `slot_end` datetime(3) NOT NULL, `requesting_hospital_id` varchar(64) NOT NULL, `patient_hospital_id` varchar(64) NULL, `patient_mrn` varchar(64) NULL, `status` varchar(20) NOT NULL, `active_slot_key` varchar(40) NULL, `created_at` datetime(3) NOT NULL, `cancelled_at` datetime(3) NULL, INDEX `idx_booking_resource_slot` (`resource_id`, `slot_start`), UNIQUE INDEX `uq_booking_active_slot` (`resource_id`, `active_slot_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `department` (`id` varchar(64) NOT NULL, `name` varchar(100) NOT NULL, `specialty` varchar(64) NOT NULL, `beds_total` int NOT NULL DEFAULT '0', `beds_occupied` int NOT NULL DEFAULT '0', `head_staff_id` varchar(64) NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `lab_result` (`id` varchar(64) NOT NULL, `mrn` varchar(64) NOT NULL, `loinc` varchar(20) NOT NULL, `local_code` varchar(40) NOT NULL, `name` varchar(100) NOT NULL, `value_quantity` double NULL, `value_string` varchar(200) NULL, `unit` varchar(20) NULL, `ref_low` double NULL, `ref_high` double NULL, `ref_text` varchar(100) NULL, `interpretation` varchar(20) NULL, `status` varchar(20) NOT NULL, `specimen` varchar(40) NULL, `collected_at` datetime(3) NOT NULL, `reported_at` datetime(3) NULL, `performing_department_id` varchar(64) NULL, INDEX `idx_lab_result_loinc_collected` (`loinc`, `collected_at`), INDEX `idx_lab_result_mrn_collected` (`mrn`, `collected_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `patient_record` (`mrn` varchar(64) NOT NULL, `name` varchar(100) NULL, `sex` varchar(10) NOT NULL DEFAULT 'UNKNOWN', `birth_date` varchar(10) NULL, PRIMARY KEY (`mrn`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `shared_resource` (`id` varchar(64) NOT NULL, `kind` varchar(20) NOT NULL, `name` varchar(100) NOT NULL, `department_id` varchar(64) NULL, `status` varchar(20) NOT NULL, `shared_with_alliance` tinyint NOT NULL DEFAULT 1, `slot_minutes` int NOT NULL, `day_start_minute` int NOT NULL, `day_end_minute` int NOT NULL, `weekdays` varchar(7) NOT NULL, INDEX `idx_shared_resource_kind` (`kind`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `staff` (`id` varchar(64) NOT NULL, `department_id` varchar(64) NULL, `name` varchar(100) NOT NULL, `role` varchar(20) NOT NULL, `title` varchar(20) NULL, `specialty` varchar(64) NULL, `available_for_dispatch` tinyint NOT NULL DEFAULT 0, INDEX `idx_staff_department` (`department_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['staff', 'shared_resource', 'patient_record', 'lab_result', 'department', 'resource_booking', 'idempotency_record']) {
      await queryRunner.query(`DROP TABLE \`${table}\``);
    }
  }
}

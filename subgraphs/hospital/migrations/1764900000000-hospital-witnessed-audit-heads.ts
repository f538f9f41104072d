import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chain heads of other subgraphs this one witnesses (DESIGN 5), as the runtime's
 * `WitnessedHead` entity describes them.
 */
export class HospitalWitnessedAuditHeads1764900000000 implements MigrationInterface {
  name = 'HospitalWitnessedAuditHeads1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `witnessed_audit_head` (`id` int NOT NULL AUTO_INCREMENT, `subgraph_id` varchar(80) NOT NULL, `row_count` int NOT NULL, `last_hash` varchar(64) NOT NULL, `signed_at` datetime(3) NOT NULL, `received_at` datetime(3) NOT NULL, `token` text NOT NULL, INDEX `idx_witnessed_head_subgraph` (`subgraph_id`, `row_count`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `witnessed_audit_head`');
  }
}

import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per (operation, idempotencyKey): the hash of the first input and the id of
 * the object it produced. Both subgraphs include this entity.
 */
@Entity({ name: 'idempotency_record' })
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  operation: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey: string;

  @Column({ name: 'input_hash', type: 'varchar', length: 64 })
  inputHash: string;

  @Column({ name: 'result_id', type: 'varchar', length: 64 })
  resultId: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;
}

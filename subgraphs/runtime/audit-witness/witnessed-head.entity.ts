import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A chain head another subgraph signed and sent here to be witnessed (DESIGN 5): the
 * alliance keeps every member's, the lead member keeps the alliance's. Kept outside the
 * signer's hospital, so wiping or rewriting its own database cannot take these along.
 * The signed token is stored as received, for `medalliance audit heads --export`.
 */
@Entity({ name: 'witnessed_audit_head' })
@Index('idx_witnessed_head_subgraph', ['subgraphId', 'rowCount'])
export class WitnessedHead {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** Who signed: `alliance` or `hospital:<id>`. */
  @Column({ name: 'subgraph_id', type: 'varchar', length: 80 })
  subgraphId: string;

  @Column({ name: 'row_count', type: 'integer' })
  rowCount: number;

  @Column({ name: 'last_hash', type: 'varchar', length: 64 })
  lastHash: string;

  @Column({ name: 'signed_at', type: 'datetime', precision: 3 })
  signedAt: Date;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt: Date;

  /** The compact JWS as received. */
  @Column({ type: 'text' })
  token: string;
}

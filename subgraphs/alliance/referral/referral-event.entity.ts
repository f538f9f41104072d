import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One status change of a referral, in order (`seq` from 1). */
@Entity({ name: 'referral_event' })
export class ReferralEventEntity {
  @PrimaryColumn({ name: 'referral_id', type: 'varchar', length: 64 })
  referralId: string;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  from: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  to: string;

  @Column({ name: 'changed_by', type: 'varchar', length: 200 })
  by: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;
}

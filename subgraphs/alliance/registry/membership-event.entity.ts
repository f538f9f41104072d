import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every change of a member's status, with the admin's reason: the registry's history. */
@Entity({ name: 'membership_event' })
@Index('idx_membership_event_hospital', ['hospitalId', 'at'])
export class MembershipEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'hospital_id', type: 'varchar', length: 64 })
  hospitalId: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: string;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ name: 'changed_by', type: 'varchar', length: 200 })
  by: string;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ResourceKindCode = 'CT' | 'MRI' | 'PET_CT' | 'DSA' | 'ULTRASOUND' | 'ENDOSCOPY' | 'DIALYSIS' | 'ICU_BED' | 'WARD_BED';
export type ResourceStatusCode = 'AVAILABLE' | 'IN_USE' | 'MAINTENANCE';

/**
 * Equipment or beds this hospital may lend to the alliance. Its bookable slots come from
 * a weekly schedule (see slot-schedule.ts): on the listed weekdays, from `dayStartMinute`
 * to `dayEndMinute` local time, in steps of `slotMinutes`.
 */
@Entity({ name: 'shared_resource' })
export class SharedResourceEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  /** DESIGN 7: resources are listed by kind. */
  @Index('idx_shared_resource_kind')
  @Column({ type: 'varchar', length: 20 })
  kind: ResourceKindCode;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'department_id', type: 'varchar', length: 64, nullable: true })
  departmentId: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: ResourceStatusCode;

  @Column({ name: 'shared_with_alliance', type: 'boolean', default: true })
  sharedWithAlliance: boolean;

  @Column({ name: 'slot_minutes', type: 'int' })
  slotMinutes: number;

  @Column({ name: 'day_start_minute', type: 'int' })
  dayStartMinute: number;

  @Column({ name: 'day_end_minute', type: 'int' })
  dayEndMinute: number;

  /** ISO weekdays the resource is bookable, e.g. "12345" for Monday to Friday. */
  @Column({ type: 'varchar', length: 7 })
  weekdays: string;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type BookingStatusCode = 'BOOKED' | 'CANCELLED';

/**
 * A booking of one slot of a shared resource. `activeSlotKey` is the slot start while
 * the booking is BOOKED and NULL once cancelled: the unique index on
 * (resource, activeSlotKey) lets the database itself refuse a second booking of the same
 * slot under concurrency, while cancelled rows (NULL) never collide — unique indexes
 * ignore NULLs in SQLite and MySQL.
 */
@Entity({ name: 'resource_booking' })
@Index('uq_booking_active_slot', ['resourceId', 'activeSlotKey'], { unique: true })
@Index('idx_booking_resource_slot', ['resourceId', 'slotStart'])
export class BookingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'resource_id', type: 'varchar', length: 64 })
  resourceId: string;

  @Column({ name: 'slot_start', type: 'datetime', precision: 3 })
  slotStart: Date;

  @Column({ name: 'slot_end', type: 'datetime', precision: 3 })
  slotEnd: Date;

  @Column({ name: 'requesting_hospital_id', type: 'varchar', length: 64 })
  requestingHospitalId: string;

  @Column({ name: 'patient_hospital_id', type: 'varchar', length: 64, nullable: true })
  patientHospitalId: string | null;

  @Column({ name: 'patient_mrn', type: 'varchar', length: 64, nullable: true })
  patientMrn: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: BookingStatusCode;

  @Column({ name: 'active_slot_key', type: 'varchar', length: 40, nullable: true })
  activeSlotKey: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true })
  cancelledAt: Date | null;
}

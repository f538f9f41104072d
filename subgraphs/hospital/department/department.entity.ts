import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A clinical or service department of this hospital. One database holds one hospital, so no hospital id column. */
@Entity({ name: 'department' })
export class DepartmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** Lower-case specialty code, e.g. `cardiology`. */
  @Column({ type: 'varchar', length: 64 })
  specialty: string;

  @Column({ name: 'beds_total', type: 'int', default: 0 })
  bedsTotal: number;

  @Column({ name: 'beds_occupied', type: 'int', default: 0 })
  bedsOccupied: number;

  @Column({ name: 'head_staff_id', type: 'varchar', length: 64, nullable: true })
  headStaffId: string | null;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type StaffRoleCode = 'PHYSICIAN' | 'NURSE' | 'TECHNICIAN' | 'PHARMACIST' | 'ADMINISTRATOR';
export type TitleLevelCode = 'SENIOR' | 'ASSOCIATE_SENIOR' | 'INTERMEDIATE' | 'JUNIOR';

@Entity({ name: 'staff' })
export class StaffEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  /** DESIGN 7: staff are read by department (department → staff loader). */
  @Index('idx_staff_department')
  @Column({ name: 'department_id', type: 'varchar', length: 64, nullable: true })
  departmentId: string | null;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: StaffRoleCode;

  @Column({ type: 'varchar', length: 20, nullable: true })
  title: TitleLevelCode | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  specialty: string | null;

  @Column({ name: 'available_for_dispatch', type: 'boolean', default: false })
  availableForDispatch: boolean;
}

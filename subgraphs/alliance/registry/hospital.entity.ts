import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { HospitalRole, MembershipStatus } from './registry-enums';

/** One member of the alliance (the registry row the gateway routes by). */
@Entity({ name: 'alliance_hospital' })
export class HospitalEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  level: string;

  @Column({ type: 'varchar', length: 16 })
  role: HospitalRole;

  @Column({ type: 'varchar', length: 200 })
  region: string;

  @Index('idx_hospital_status')
  @Column({ type: 'varchar', length: 16 })
  status: MembershipStatus;

  @Column({ name: 'joined_at', type: 'datetime', precision: 3 })
  joinedAt: Date;

  @Column({ name: 'recognition_mark', type: 'varchar', length: 32, nullable: true })
  recognitionMark: string | null;

  @Column({ name: 'subgraph_url', type: 'varchar', length: 500 })
  subgraphUrl: string;
}

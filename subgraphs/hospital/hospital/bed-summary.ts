import type { DepartmentEntity } from '../department/department.entity';

export interface BedCounts {
  total: number;
  occupied: number;
  available: number;
}

/** The hospital's beds: the sum over its departments; never a negative number free. */
export function summariseBeds(departments: readonly Pick<DepartmentEntity, 'bedsTotal' | 'bedsOccupied'>[]): BedCounts {
  const total = departments.reduce((sum, d) => sum + d.bedsTotal, 0);
  const occupied = departments.reduce((sum, d) => sum + d.bedsOccupied, 0);
  return { total, occupied, available: Math.max(0, total - occupied) };
}

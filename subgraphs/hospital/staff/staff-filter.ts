import type { StaffEntity, StaffRoleCode, TitleLevelCode } from './staff.entity';

export interface StaffCriteria {
  specialty?: string | null;
  role?: StaffRoleCode | null;
  title?: TitleLevelCode | null;
  nameContains?: string | null;
  availableForDispatch?: boolean | null;
}

/** Whether one member of staff matches every criterion given (absent criteria match all). */
export function matchesStaffFilter(staff: StaffEntity, filter: StaffCriteria | null | undefined): boolean {
  if (!filter) return true;
  if (filter.specialty && staff.specialty !== filter.specialty) return false;
  if (filter.role && staff.role !== filter.role) return false;
  if (filter.title && staff.title !== filter.title) return false;
  if (filter.nameContains && !staff.name.includes(filter.nameContains.trim())) return false;
  if (filter.availableForDispatch !== null && filter.availableForDispatch !== undefined && staff.availableForDispatch !== filter.availableForDispatch) return false;
  return true;
}

import type { HospitalContext } from '../context';
import type { StaffEntity } from './staff.entity';

export async function resolveStaffReference(reference: { hospitalId: string; id: string }, ctx: HospitalContext): Promise<StaffEntity | null> {
  if (reference.hospitalId !== ctx.hospitalId) return null;
  return ctx.loaders.staffById.load(String(reference.id));
}

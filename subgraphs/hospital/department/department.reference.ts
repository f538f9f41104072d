import type { HospitalContext } from '../context';
import type { DepartmentEntity } from './department.entity';

/** `_entities` for Department: another hospital's id or an unknown id resolves to null. */
export async function resolveDepartmentReference(reference: { hospitalId: string; id: string }, ctx: HospitalContext): Promise<DepartmentEntity | null> {
  if (reference.hospitalId !== ctx.hospitalId) return null;
  return ctx.loaders.departmentById.load(String(reference.id));
}

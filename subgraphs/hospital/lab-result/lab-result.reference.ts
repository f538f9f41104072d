import type { HospitalContext } from '../context';
import type { LabResultEntity } from './lab-result.entity';

export async function resolveLabResultReference(reference: { hospitalId: string; id: string }, ctx: HospitalContext): Promise<LabResultEntity | null> {
  if (reference.hospitalId !== ctx.hospitalId) return null;
  return ctx.loaders.labResultById.load(String(reference.id));
}

import type { HospitalContext } from '../context';
import type { SharedResourceEntity } from './shared-resource.entity';

export async function resolveSharedResourceReference(reference: { hospitalId: string; id: string }, ctx: HospitalContext): Promise<SharedResourceEntity | null> {
  if (reference.hospitalId !== ctx.hospitalId) return null;
  return ctx.loaders.resourceById.load(String(reference.id));
}

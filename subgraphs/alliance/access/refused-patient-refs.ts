import { patientRef } from '../../runtime/audit/audit-recorder';
import type { AllianceContext } from '../context';

/**
 * The patients a refused request asked for (DESIGN 5: a refusal is audited with whom it was
 * about): an MPI id or a chart named in the arguments or the input, the patient of the
 * object a nested field hangs off, or the patient of a referral asked for by id.
 */
export async function refusedPatientRefs(ctx: AllianceContext, parent: unknown, args: Record<string, unknown>): Promise<string[]> {
  const refs = new Set<string>();
  const input = (args.input ?? {}) as Record<string, unknown>;
  for (const value of [args.mpiId, input.patientMpiId, args.survivorMpiId, args.mergedMpiId]) if (typeof value === 'string') refs.add(value.slice(0, 64));
  if (typeof args.hospitalId === 'string' && typeof args.mrn === 'string') refs.add(patientRef(args.hospitalId.slice(0, 64), args.mrn.slice(0, 64)));
  const row = (parent ?? {}) as { mpiId?: unknown; patientMpiId?: unknown };
  for (const value of [row.mpiId, row.patientMpiId]) if (typeof value === 'string') refs.add(value);
  if (typeof args.id === 'string' && args.id.startsWith('ref-')) {
    const referral = await ctx.loaders.referral.load(args.id.slice(0, 64));
    if (referral) refs.add(referral.patientMpiId);
  }
  return [...refs];
}

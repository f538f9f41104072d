import { BadUserInputError, NotFoundError } from '../../../common/errors';
import type { Caller } from '../../../common/auth/caller';
import type { AllianceContext } from '../context';
import { MpiRecordEntity } from '../mpi/mpi-record.entity';
import { requireActiveMember } from '../registry/require-member';
import type { HeldResult, ResultRef } from './member-results';

/** A result confirmed by the member that holds it, with the person its chart is linked to (null: not in the index). */
export interface VerifiedResult extends ResultRef, HeldResult {
  mpiId: string | null;
}

const keyOf = (r: ResultRef) => `${r.hospitalId}\u0000${r.id}`;

/**
 * Clinical integrity (DESIGN 5): each result must exist at the member named, which is
 * asked (one call per member); the chart it belongs to is then looked up in the master
 * patient index. A result the member does not hold is NOT_FOUND. Checked before the
 * write's transaction opens, so no database lock waits on a member.
 */
export async function verifyHeldResults(ctx: AllianceContext, caller: Caller, refs: readonly ResultRef[], argument: string): Promise<VerifiedResult[]> {
  const byMember = new Map<string, string[]>();
  for (const ref of refs) {
    if (!ref.id.trim() || ref.id.length > 64) throw new BadUserInputError('A result id must be 1 to 64 characters.', { argument });
    byMember.set(ref.hospitalId, [...(byMember.get(ref.hospitalId) ?? []), ref.id]);
  }
  const held = new Map<string, HeldResult | null>();
  await Promise.all(
    [...byMember].map(async ([hospitalId, ids]) => {
      const member = await requireActiveMember((id) => ctx.loaders.hospital.load(id), hospitalId, `${argument}.hospitalId`);
      const answers = await ctx.lookUpHeldResults(member, [...new Set(ids)], caller, ctx.requestId);
      for (const [id, result] of answers) held.set(keyOf({ hospitalId, id }), result);
    }),
  );
  const confirmed = refs.map((ref) => {
    const result = held.get(keyOf(ref));
    if (!result) throw new NotFoundError(`Result ${ref.id.slice(0, 64)} at ${ref.hospitalId}`, { argument });
    return { ...ref, ...result };
  });
  const charts = confirmed.length
    ? await ctx.dataSource.manager.findBy(
        MpiRecordEntity,
        confirmed.map((r) => ({ hospitalId: r.hospitalId, mrn: r.mrn })),
      )
    : [];
  const personOf = new Map(charts.map((c) => [`${c.hospitalId}\u0000${c.mrn}`, c.mpiId]));
  return confirmed.map((r) => ({ ...r, mpiId: personOf.get(`${r.hospitalId}\u0000${r.mrn}`) ?? null }));
}

/**
 * Results attached to a referral belong to the referred person: their hospital holds one of
 * the person's linked charts (checked first, without asking anyone), and the member confirms
 * each result is on such a chart.
 */
export async function verifyAttachedResults(ctx: AllianceContext, caller: Caller, mpiId: string, refs: readonly ResultRef[]): Promise<void> {
  if (refs.length === 0) return;
  const charts = await ctx.loaders.recordsOfPatient.load(mpiId);
  const hospitals = new Set(charts.map((c) => c.hospitalId));
  if (refs.some((r) => !hospitals.has(r.hospitalId)))
    throw new BadUserInputError("An attached result must come from a hospital holding one of the referred patient's charts.", { argument: 'attachedResults' });
  const verified = await verifyHeldResults(ctx, caller, refs, 'attachedResults');
  if (verified.some((r) => r.mpiId !== mpiId)) throw new BadUserInputError("An attached result belongs to another patient's chart.", { argument: 'attachedResults' });
}

/** A decision is about an existing result on a chart linked in the index, for the code it carries (its price is what is saved). */
export async function verifyDecidedResult(ctx: AllianceContext, caller: Caller, ref: ResultRef, loinc: string): Promise<string> {
  const [result] = await verifyHeldResults(ctx, caller, [ref], 'result');
  if (!result.mpiId) throw new BadUserInputError("The result's chart is not linked to a patient of the alliance.", { argument: 'result' });
  if (result.loinc !== loinc) throw new BadUserInputError('loinc must be the LOINC code of the result decided on.', { argument: 'loinc' });
  return result.mpiId;
}

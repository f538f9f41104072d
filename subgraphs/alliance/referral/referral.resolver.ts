import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { callerOf } from '../access/access-rules';
import { auditedWrite, refusedWrite } from '../audit/audited-write';
import { paginate } from '../connection/paginate';
import type { Page } from '../connection/page-info.type';
import type { AllianceContext } from '../context';
import { Department } from '../member-refs/member-refs.type';
import { departmentRef } from '../member-refs/member-refs.type';
import { Patient } from '../mpi/patient.type';
import { LabResult } from '../recognition/recognition.type';
import { HospitalEntity } from '../registry/hospital.entity';
import { Hospital } from '../registry/hospital.type';
import { DateTimeScalar } from '../../runtime/schema/scalars';
import { changeReferral, MAX_ATTACHED_RESULTS, optionalNote, requestReferral, requiredText } from './referral-actions';
import { ReferralStatus } from './referral-enums';
import { referralQuery } from './referral-query';
import { ReferralEntity } from './referral.entity';
import { Referral, ReferralConnection, ReferralEvent, ReferralFilter, RequestReferralInput } from './referral.type';
import { requireRegisteredHospital } from '../registry/require-member';
import { verifyAttachedResults } from '../integrity/verify-results';
import { mayActOnReferral } from './permissions';

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => ReferralConnection, { description: 'Newest request first. PHI: clinician with a purpose of use.' })
  async referrals(
    @Ctx() ctx: AllianceContext,
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter?: ReferralFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Page<ReferralEntity>> {
    const find = (id: string) => ctx.loaders.hospital.load(id);
    for (const argument of ['fromHospitalId', 'toHospitalId', 'hospitalId'] as const) await requireRegisteredHospital(find, filter?.[argument], `filter.${argument}`);
    const page = await paginate(
      referralQuery(ctx.dataSource, filter),
      { first, after },
      {
        kind: 'Referral',
        sortColumn: 'r.requestedAt',
        idColumn: 'r.id',
        sortIsDate: true,
        sortValueOf: (r) => r.requestedAt.toISOString(),
      },
    );
    ctx.audit.notePatients(page.edges.map((e) => e.node.patientMpiId));
    return page;
  }

  @Query(() => Referral, { nullable: true })
  referral(@Ctx() ctx: AllianceContext, @Arg('id', () => ID) id: string): Promise<ReferralEntity | null> {
    return loadReferral(ctx, id);
  }

  @Mutation(() => Referral, { description: 'A clinician of the sending hospital refers a patient. Idempotent.' })
  async requestReferral(@Ctx() ctx: AllianceContext, @Arg('input', () => RequestReferralInput) input: RequestReferralInput): Promise<ReferralEntity> {
    const attached = input.attachedResults ?? [];
    // the members confirm the attached results first, outside the write's transaction; a
    // refused or malformed request is left to requestReferral to refuse with its own reason
    if (
      attached.length > 0 &&
      attached.length <= MAX_ATTACHED_RESULTS &&
      mayActOnReferral(callerOf(ctx), 'request', input) &&
      (await ctx.loaders.patient.load(input.patientMpiId))
    ) {
      try {
        await verifyAttachedResults(ctx, callerOf(ctx), input.patientMpiId, attached);
      } catch (error) {
        return refusedWrite(ctx, 'requestReferral', error, { patientRefs: [input.patientMpiId] });
      }
    }
    return auditedWrite(ctx, 'requestReferral', async (manager, note) => {
      note.patientRefs = [input.patientMpiId];
      const referral = await requestReferral(manager, callerOf(ctx), input);
      note.targetId = referral.id;
      return referral;
    });
  }

  @Mutation(() => Referral, { description: 'The receiving hospital accepts, optionally with an appointment.' })
  acceptReferral(
    @Ctx() ctx: AllianceContext,
    @Arg('id', () => ID) id: string,
    @Arg('scheduledAt', () => DateTimeScalar, { nullable: true }) scheduledAt?: Date,
    @Arg('note', () => String, { nullable: true }) note?: string,
  ): Promise<ReferralEntity> {
    return this.change(ctx, 'acceptReferral', id, () => ({ action: 'accept', to: ReferralStatus.ACCEPTED, scheduledAt, note: optionalNote(note) }));
  }

  @Mutation(() => Referral)
  rejectReferral(@Ctx() ctx: AllianceContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<ReferralEntity> {
    return this.change(ctx, 'rejectReferral', id, () => ({ action: 'reject', to: ReferralStatus.REJECTED, note: requiredText('reason', reason) }));
  }

  @Mutation(() => Referral)
  markReferralArrived(@Ctx() ctx: AllianceContext, @Arg('id', () => ID) id: string): Promise<ReferralEntity> {
    return this.change(ctx, 'markReferralArrived', id, () => ({ action: 'markArrived', to: ReferralStatus.ARRIVED }));
  }

  @Mutation(() => Referral)
  completeReferral(@Ctx() ctx: AllianceContext, @Arg('id', () => ID) id: string, @Arg('outcome') outcome: string): Promise<ReferralEntity> {
    return this.change(ctx, 'completeReferral', id, () => {
      const text = requiredText('outcome', outcome);
      return { action: 'complete', to: ReferralStatus.COMPLETED, outcome: text, note: text };
    });
  }

  @Mutation(() => Referral)
  cancelReferral(@Ctx() ctx: AllianceContext, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<ReferralEntity> {
    return this.change(ctx, 'cancelReferral', id, () => ({ action: 'cancel', to: ReferralStatus.CANCELLED, note: requiredText('reason', reason) }));
  }

  private change(ctx: AllianceContext, operation: string, id: string, build: () => Parameters<typeof changeReferral>[3]): Promise<ReferralEntity> {
    return auditedWrite(ctx, operation, async (manager, note) => {
      note.targetId = id.slice(0, 64);
      const caller = callerOf(ctx);
      const referral = await changeReferral(manager, caller, id, build());
      note.patientRefs = [referral.patientMpiId];
      return referral;
    });
  }

  @FieldResolver(() => Patient)
  patient(@Root() referral: ReferralEntity): Patient {
    return { mpiId: referral.patientMpiId };
  }

  @FieldResolver(() => Hospital)
  async fromHospital(@Root() referral: ReferralEntity, @Ctx() ctx: AllianceContext): Promise<HospitalEntity> {
    return (await ctx.loaders.hospital.load(referral.fromHospitalId))!;
  }

  @FieldResolver(() => Hospital)
  async toHospital(@Root() referral: ReferralEntity, @Ctx() ctx: AllianceContext): Promise<HospitalEntity> {
    return (await ctx.loaders.hospital.load(referral.toHospitalId))!;
  }

  @FieldResolver(() => Department, { nullable: true })
  toDepartment(@Root() referral: ReferralEntity): Department | null {
    return departmentRef(referral.toHospitalId, referral.toDepartmentId);
  }

  // Items nullable (DESIGN 8): a result whose hospital is down is null, the others stay.
  @FieldResolver(() => [LabResult], { nullable: 'items' })
  attachedResults(@Root() referral: ReferralEntity): { hospitalId: string; id: string }[] {
    return referral.attachedResults ?? [];
  }

  @FieldResolver(() => [ReferralEvent])
  history(@Root() referral: ReferralEntity, @Ctx() ctx: AllianceContext) {
    return ctx.loaders.referralHistory.load(referral.id);
  }
}

/** One referral, PHI: the read names its patient for the audit. */
async function loadReferral(ctx: AllianceContext, id: string): Promise<ReferralEntity | null> {
  const referral = await ctx.loaders.referral.load(id);
  if (referral) ctx.audit.notePatient(referral.patientMpiId);
  return referral;
}

export function resolveReferralReference(reference: { id: string }, ctx: AllianceContext): Promise<ReferralEntity | null> {
  return loadReferral(ctx, reference.id);
}

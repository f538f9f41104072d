import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { AllianceContext } from '../context';
import { Referral } from '../referral/referral.type';
import type { ReferralEntity } from '../referral/referral.entity';
import { MpiRecordEntity } from './mpi-record.entity';
import { PatientRecord } from './patient-record.type';
import { Patient } from './patient.type';

@Resolver(() => Patient)
export class PatientResolver {
  @Query(() => Patient, { nullable: true, description: 'PHI: clinician with a purpose of use.' })
  async patient(@Ctx() ctx: AllianceContext, @Arg('mpiId', () => ID) mpiId: string): Promise<Patient | null> {
    return currentPerson(ctx, mpiId);
  }

  @Query(() => Patient, { nullable: true, description: 'The person behind one chart number at one member. PHI.' })
  async patientByIdentifier(@Ctx() ctx: AllianceContext, @Arg('hospitalId', () => ID) hospitalId: string, @Arg('mrn') mrn: string): Promise<Patient | null> {
    const record = await ctx.dataSource.manager.findOneBy(MpiRecordEntity, { hospitalId, mrn });
    if (record) ctx.audit.notePatient(record.mpiId);
    return record ? { mpiId: record.mpiId } : null;
  }

  /**
   * Every chart, at members of any status: the gateway answers a chart at a suspended
   * or departed member with MEMBER_UNKNOWN, so the clinician sees that it exists.
   */
  // a handful of charts per person (one per member that treated them), for the cost estimate
  @Directive('@listSize(assumedSize: 5)')
  @FieldResolver(() => [PatientRecord])
  async records(@Root() patient: Patient, @Ctx() ctx: AllianceContext): Promise<PatientRecord[]> {
    ctx.audit.notePatient(patient.mpiId);
    const rows = await ctx.loaders.recordsOfPatient.load(patient.mpiId);
    return rows.map((r) => ({ hospitalId: r.hospitalId, mrn: r.mrn }));
  }

  @FieldResolver(() => [Referral], { description: 'Newest first.' })
  referrals(@Root() patient: Patient, @Ctx() ctx: AllianceContext): Promise<ReferralEntity[]> {
    ctx.audit.notePatient(patient.mpiId);
    return ctx.loaders.referralsOfPatient.load(patient.mpiId);
  }
}

/**
 * The person an id names today: an entry merged into another answers the survivor
 * (`mergePatients` keeps every redirect one step long).
 */
async function currentPerson(ctx: AllianceContext, mpiId: string): Promise<Patient | null> {
  const person = await ctx.loaders.patient.load(mpiId);
  if (!person) return null;
  const current = person.mergedInto ?? person.mpiId;
  ctx.audit.notePatient(current);
  return { mpiId: current };
}

export async function resolvePatientReference(reference: { mpiId: string }, ctx: AllianceContext): Promise<Patient | null> {
  return currentPerson(ctx, reference.mpiId);
}

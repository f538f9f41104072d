import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import { ForbiddenError } from '../../../common/errors';
import { actsForHospital } from '../../runtime/auth/access-rules';
import type { HospitalContext } from '../context';
import type { PatientRecordEntity } from './patient-record.entity';
import { PatientRecord } from './patient-record.type';
import { registerPatient } from './register-patient';
import { RegisterPatientInput } from './register-patient.type';

@Resolver()
export class RegisterPatientResolver {
  @Directive('@since(version: "1.1")')
  @Mutation(() => PatientRecord, {
    description: "A clinician of this hospital opens a chart; the member assigns the MRN when none is given. Idempotent by idempotencyKey. The chart is linked in the alliance's master patient index.",
  })
  async registerPatient(@Arg('input', () => RegisterPatientInput) input: RegisterPatientInput, @Ctx() ctx: HospitalContext): Promise<PatientRecordEntity> {
    // The access guard has checked "clinician with a purpose" by the returned type; the write is for their own hospital only.
    if (!actsForHospital(ctx.caller, input.hospitalId)) {
      ctx.audit.noteDenied();
      throw new ForbiddenError('A clinician registers patients at their own hospital only.');
    }
    const chart = await registerPatient(ctx.dataSource, ctx.hospitalId, input);
    ctx.identityFeed?.kick();
    return chart;
  }
}

import { createHash } from 'node:crypto';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, Info, Mutation, Resolver } from 'type-graphql';
import { ForbiddenError } from '../../../common/errors';
import { patientRef } from '../../runtime/audit/audit-recorder';
import { actsForHospital } from '../../runtime/auth/access-rules';
import type { HospitalContext } from '../context';
import type { PatientRecordEntity } from './patient-record.entity';
import { PatientRecord } from './patient-record.type';
import { registerPatient, type RegistrationAudit } from './register-patient';
import { RegisterPatientInput } from './register-patient.type';

@Resolver()
export class RegisterPatientResolver {
  @Directive('@since(version: "1.1")')
  @Directive('@hospitalFrom(path: "input.hospitalId")')
  @Mutation(() => PatientRecord, {
    description:
      "A clinician of this hospital opens a chart; the member assigns the MRN when none is given. Idempotent by idempotencyKey. The chart is linked in the alliance's master patient index.",
  })
  async registerPatient(
    @Arg('input', () => RegisterPatientInput) input: RegisterPatientInput,
    @Ctx() ctx: HospitalContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PatientRecordEntity> {
    // The access guard has checked "clinician with a purpose" by the returned type; the write is for their own hospital only.
    if (!actsForHospital(ctx.caller, input.hospitalId)) {
      ctx.audit.noteDenied();
      throw new ForbiddenError('A clinician registers patients at their own hospital only.');
    }
    const chart = await registerPatient(ctx.dataSource, ctx.hospitalId, input, registrationAudit(ctx, info));
    // its row is on the chain already, committed with the chart: the request's row need not repeat it
    ctx.audit.noteRecordedWrite([patientRef(ctx.hospitalId, chart.mrn)]);
    ctx.identityFeed?.kick();
    return chart;
  }
}

/** The same facts `auditPlugin` records for a request: the hash is of the whole document text, without variables. */
function registrationAudit(ctx: HospitalContext, info: GraphQLResolveInfo): RegistrationAudit {
  const caller = ctx.caller;
  return {
    requestId: ctx.requestId,
    subject: caller?.subject ?? 'anonymous',
    role: caller?.role ?? 'none',
    callerHospitalId: caller?.hospitalId ?? null,
    purpose: caller?.purpose ?? null,
    operationName: info.operation.name?.value ?? null,
    operationHash: createHash('sha256')
      .update(info.operation.loc?.source.body ?? '')
      .digest('hex'),
  };
}

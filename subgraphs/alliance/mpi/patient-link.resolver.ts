import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { MemberUnknownError } from '../../../common/errors';
import { mayLinkPatientRecord, mayManageRegistry, requireAllowed, requireCaller } from '../access/access-rules';
import { auditedWrite } from '../audit/audited-write';
import type { AllianceContext } from '../context';
import { HospitalEntity } from '../registry/hospital.entity';
import { MembershipStatus } from '../registry/registry-enums';
import { validateReason } from '../registry/validate-registration';
import { linkPatientRecord } from './link-patient-record';
import { mergePatients, unlinkPatientRecord } from './merge-patients';
import { LinkPatientRecordInput, PatientLink } from './patient-link.type';
import { Patient } from './patient.type';

/**
 * The identity feed of the master patient index (IHE PIX in spirit, DESIGN 3.2). Every
 * call is one transaction with its audit row (`auditedWrite`): a refusal is on record too.
 */
@Resolver()
export class PatientLinkResolver {
  @Mutation(() => PatientLink, { description: 'A clinician of that hospital, its own member process, or the admin. Idempotent by idempotencyKey and by chart.' })
  linkPatientRecord(@Ctx() ctx: AllianceContext, @Arg('input', () => LinkPatientRecordInput) input: LinkPatientRecordInput): Promise<PatientLink> {
    return auditedWrite(ctx, 'linkPatientRecord', async (manager, note) => {
      note.targetId = input.hospitalId.slice(0, 64);
      requireAllowed(
        mayLinkPatientRecord(requireCaller(ctx.caller), input.hospitalId),
        'A chart is linked by a clinician of its own hospital (with a purpose of use), its member process or the alliance admin.',
      );
      const hospital = await manager.findOneBy(HospitalEntity, { id: input.hospitalId });
      if (!hospital || hospital.status !== MembershipStatus.ACTIVE) throw new MemberUnknownError(input.hospitalId);
      const link = await linkPatientRecord(manager, input);
      note.patientRefs = [link.mpiId];
      return { ...link, patient: { mpiId: link.mpiId } };
    });
  }

  @Mutation(() => Patient, { description: "ADMIN. Removes one chart's link; the person and its other charts stay." })
  unlinkPatientRecord(@Ctx() ctx: AllianceContext, @Arg('hospitalId', () => ID) hospitalId: string, @Arg('mrn') mrn: string, @Arg('reason') reason: string): Promise<Patient> {
    return auditedWrite(ctx, 'unlinkPatientRecord', async (manager, note) => {
      note.targetId = hospitalId.slice(0, 64);
      requireAllowed(mayManageRegistry(requireCaller(ctx.caller)), 'Only the alliance admin unlinks charts.');
      validateReason(reason);
      const person = await unlinkPatientRecord(manager, hospitalId, mrn);
      note.patientRefs = [person.mpiId];
      return person;
    });
  }

  @Mutation(() => Patient, { description: 'ADMIN. Moves every chart and referral of mergedMpiId to survivorMpiId; patient(mpiId: mergedMpiId) then answers the survivor.' })
  mergePatients(
    @Ctx() ctx: AllianceContext,
    @Arg('survivorMpiId', () => ID) survivorMpiId: string,
    @Arg('mergedMpiId', () => ID) mergedMpiId: string,
    @Arg('reason') reason: string,
  ): Promise<Patient> {
    return auditedWrite(ctx, 'mergePatients', async (manager, note) => {
      note.targetId = survivorMpiId.slice(0, 64);
      note.patientRefs = [survivorMpiId.slice(0, 32), mergedMpiId.slice(0, 32)];
      requireAllowed(mayManageRegistry(requireCaller(ctx.caller)), 'Only the alliance admin merges persons.');
      validateReason(reason);
      return mergePatients(manager, survivorMpiId, mergedMpiId);
    });
  }
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { BadUserInputError, ForbiddenError, InvalidTransitionError, NotFoundError } from '../../../common/errors';
import { callerLabel, type Caller } from '../../../common/auth/caller';
import { updateIfStatus } from '../../runtime/db/update-if-status';
import { runIdempotent } from '../../runtime/idempotency/run-idempotent';
import { MpiPatientEntity } from '../mpi/mpi-patient.entity';
import { HospitalEntity } from '../registry/hospital.entity';
import { HospitalLevel } from '../registry/registry-enums';
import { referralDirection, respondBy } from './direction';
import { mayActOnReferral, referralForbiddenMessage, type ReferralAction } from './permissions';
import { ReferralStatus } from './referral-enums';
import { ReferralEventEntity } from './referral-event.entity';
import { ReferralEntity } from './referral.entity';
import type { RequestReferralInput } from './referral.type';
import { assertTransition } from './transitions';
import { findInTransaction, requireActiveMember } from '../registry/require-member';

export const MAX_ATTACHED_RESULTS = 100;

const ICD10 = /^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/;

function checkText(argument: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > max) throw new BadUserInputError(`${argument} must be 1 to ${max} characters.`, { argument });
  return trimmed;
}

function activeMember(manager: EntityManager, id: string, argument: string): Promise<HospitalEntity> {
  return requireActiveMember(findInTransaction(manager), id, argument);
}

export async function requestReferral(manager: EntityManager, caller: Caller, input: RequestReferralInput): Promise<ReferralEntity> {
  if (!mayActOnReferral(caller, 'request', input)) throw new ForbiddenError(referralForbiddenMessage('request'), { argument: 'fromHospitalId' });
  const repo = manager.getRepository(ReferralEntity);
  return runIdempotent(
    manager,
    { operation: 'requestReferral', key: input.idempotencyKey, input: { ...input, idempotencyKey: undefined } },
    async () => {
      if (input.fromHospitalId === input.toHospitalId)
        throw new BadUserInputError('A referral goes to another hospital (toHospitalId equals fromHospitalId).', { argument: 'toHospitalId' });
      const reason = checkText('reason', input.reason, 1000);
      if (input.diagnosisCode != null && !ICD10.test(input.diagnosisCode))
        throw new BadUserInputError('diagnosisCode must be an ICD-10 code such as I21.9.', { argument: 'diagnosisCode' });
      if (input.toDepartmentId != null) checkText('toDepartmentId', input.toDepartmentId, 64);
      const attached = input.attachedResults ?? [];
      if (attached.length > MAX_ATTACHED_RESULTS) throw new BadUserInputError(`At most ${MAX_ATTACHED_RESULTS} results can be attached.`, { argument: 'attachedResults' });
      const from = await activeMember(manager, input.fromHospitalId, 'fromHospitalId');
      const to = await activeMember(manager, input.toHospitalId, 'toHospitalId');
      if (!(await manager.findOneBy(MpiPatientEntity, { mpiId: input.patientMpiId }))) throw new NotFoundError('Patient', { argument: 'patientMpiId' });
      const holders = new Set((await manager.find(HospitalEntity, { select: { id: true } })).map((h) => h.id));
      if (attached.some((r) => !holders.has(r.hospitalId) || !r.id.trim()))
        throw new BadUserInputError('Attached results must name a member hospital and a result id.', { argument: 'attachedResults' });
      const requestedAt = new Date();
      const referral: ReferralEntity = {
        id: `ref-${randomUUID()}`,
        patientMpiId: input.patientMpiId,
        fromHospitalId: from.id,
        toHospitalId: to.id,
        toDepartmentId: input.toDepartmentId ?? null,
        direction: referralDirection(from.level as HospitalLevel, to.level as HospitalLevel),
        urgency: input.urgency,
        status: ReferralStatus.REQUESTED,
        reason,
        diagnosisCode: input.diagnosisCode ?? null,
        attachedResults: attached.map((r) => ({ hospitalId: r.hospitalId, id: r.id })),
        requestedAt,
        respondBy: respondBy(requestedAt, input.urgency),
        respondedAt: null,
        scheduledAt: null,
        outcome: null,
      };
      await repo.insert(referral);
      await manager.insert(ReferralEventEntity, {
        referralId: referral.id,
        seq: 1,
        at: requestedAt,
        from: null,
        to: ReferralStatus.REQUESTED,
        by: callerLabel(caller),
        note: null,
      });
      return referral.id;
    },
    async (id) => await repo.findOneByOrFail({ id }),
  );
}

export interface TransitionRequest {
  action: Exclude<ReferralAction, 'request'>;
  to: ReferralStatus;
  note?: string | null;
  scheduledAt?: Date | null;
  outcome?: string | null;
}

/** Every change after the request: permission, state machine, the change and its event, in that order. */
export async function changeReferral(manager: EntityManager, caller: Caller, id: string, change: TransitionRequest): Promise<ReferralEntity> {
  const repo = manager.getRepository(ReferralEntity);
  const referral = await repo.findOneBy({ id });
  if (!referral) throw new NotFoundError('Referral', { argument: 'id' });
  if (!mayActOnReferral(caller, change.action, referral)) throw new ForbiddenError(referralForbiddenMessage(change.action));
  assertTransition(referral.status as ReferralStatus, change.to);
  const at = new Date();
  const update: Partial<ReferralEntity> = { status: change.to };
  if (change.to === ReferralStatus.ACCEPTED || change.to === ReferralStatus.REJECTED) update.respondedAt = at;
  if (change.scheduledAt) update.scheduledAt = change.scheduledAt;
  if (change.outcome) update.outcome = change.outcome;
  // The conditional update comes first: of callers racing for one change exactly one wins
  // (the others get INVALID_TRANSITION), and the winner holds the row while it numbers the event.
  if (!(await updateIfStatus(manager, ReferralEntity, id, referral.status, update))) {
    const now = await repo.findOneBy({ id });
    throw new InvalidTransitionError(`This referral changed meanwhile (now ${now?.status ?? 'gone'}); it cannot become ${change.to} from ${referral.status} any more.`, {
      status: now?.status ?? referral.status,
    });
  }
  const last = await manager.getRepository(ReferralEventEntity).count({ where: { referralId: id } });
  await manager.insert(ReferralEventEntity, { referralId: id, seq: last + 1, at, from: referral.status, to: change.to, by: callerLabel(caller), note: change.note ?? null });
  return { ...referral, ...update };
}

export function optionalNote(note: string | null | undefined): string | null {
  if (note == null) return null;
  return checkText('note', note, 1000);
}

export function requiredText(argument: string, value: string): string {
  return checkText(argument, value, 1000);
}

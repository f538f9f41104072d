import { AuditEntry } from '../runtime/audit/audit-entry.entity';
import { WitnessedHead } from '../runtime/audit-witness/witnessed-head.entity';
import { IdempotencyRecord } from '../runtime/idempotency/idempotency-record.entity';
import { ExpertDispatchEntity } from './dispatch/dispatch.entity';
import { MpiPatientEntity } from './mpi/mpi-patient.entity';
import { MpiRecordEntity } from './mpi/mpi-record.entity';
import { MpiSecretEntity } from './mpi/mpi-secret.entity';
import { RecognitionDecisionEntity } from './recognition/recognition-decision.entity';
import { RecognitionItemEntity } from './recognition/recognition-item.entity';
import { ReferralEventEntity } from './referral/referral-event.entity';
import { ReferralEntity } from './referral/referral.entity';
import { HospitalEntity } from './registry/hospital.entity';
import { LabQualificationEntity } from './registry/lab-qualification.entity';
import { MembershipEventEntity } from './registry/membership-event.entity';
import { TrainingEntity } from './training/training.entity';

/** Every table of the alliance database. */
export const ALLIANCE_ENTITIES = [
  HospitalEntity,
  MembershipEventEntity,
  LabQualificationEntity,
  MpiPatientEntity,
  MpiRecordEntity,
  MpiSecretEntity,
  RecognitionItemEntity,
  RecognitionDecisionEntity,
  ReferralEntity,
  ReferralEventEntity,
  ExpertDispatchEntity,
  TrainingEntity,
  AuditEntry,
  IdempotencyRecord,
  WitnessedHead,
];

/** What the alliance's embedded file must hold to be opened (runtime/db/embedded-file.ts). */
export const ALLIANCE_EMBEDDED_KIND = { label: 'alliance', markerTable: 'alliance_hospital' };

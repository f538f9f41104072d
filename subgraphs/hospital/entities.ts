import { AuditEntry } from '../runtime/audit/audit-entry.entity';
import { WitnessedHead } from '../runtime/audit-witness/witnessed-head.entity';
import { IdempotencyRecord } from '../runtime/idempotency/idempotency-record.entity';
import { BookingEntity } from './booking/booking.entity';
import { DepartmentEntity } from './department/department.entity';
import { LinkOutboxEntity } from './identity-feed/link-outbox.entity';
import { LabResultEntity } from './lab-result/lab-result.entity';
import { PatientRecordEntity } from './patient-record/patient-record.entity';
import { SharedResourceEntity } from './shared-resource/shared-resource.entity';
import { StaffEntity } from './staff/staff.entity';

/** Every table of a hospital database. */
export const HOSPITAL_ENTITIES = [
  DepartmentEntity,
  StaffEntity,
  PatientRecordEntity,
  LabResultEntity,
  SharedResourceEntity,
  BookingEntity,
  LinkOutboxEntity,
  IdempotencyRecord,
  AuditEntry,
  WitnessedHead,
];

/** What a hospital's embedded file must hold to be opened (runtime/db/embedded-file.ts). */
export function hospitalEmbeddedKind(hospitalId: string) {
  return { label: `hospital ${hospitalId}`, markerTable: 'department' };
}

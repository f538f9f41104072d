import type { DataSource } from 'typeorm';
import { AuditRecorder } from '../runtime/audit/audit-recorder';
import type { DeniedRootList } from './access/denied-root-lists';
import type { SubgraphRequestBase } from '../runtime/http/serve-subgraph';
import { createBookingLoaders, type BookingLoaders } from './booking/booking.loader';
import { createDepartmentLoaders, type DepartmentLoaders } from './department/department.loader';
import { createLabResultLoaders, type LabResultLoaders } from './lab-result/lab-result.loader';
import { createPatientRecordLoaders, type PatientRecordLoaders } from './patient-record/patient-record.loader';
import { createSharedResourceLoaders, type SharedResourceLoaders } from './shared-resource/shared-resource.loader';
import { createStaffLoaders, type StaffLoaders } from './staff/staff.loader';

export type HospitalLoaders = DepartmentLoaders & StaffLoaders & PatientRecordLoaders & LabResultLoaders & SharedResourceLoaders & BookingLoaders;

/**
 * What every resolver of a hospital subgraph receives. Loaders are new per request, so
 * nothing is cached across callers. The caller is the one the gateway's token vouches
 * for; `access/access-guard.ts` checks it against every field, and `audit` collects what
 * the request released for the one audit row `auditPlugin` writes.
 */
export interface HospitalContext extends SubgraphRequestBase {
  /** This member's own id: it answers only for itself. */
  hospitalId: string;
  dataSource: DataSource;
  loaders: HospitalLoaders;
  audit: AuditRecorder;
  /** Root lists refused to this caller (see `access/denied-root-lists.ts`). */
  deniedRootLists: DeniedRootList[];
  /** The clock; injectable so bookings can be tested against a fixed "now". */
  now(): Date;
}

export interface HospitalContextDeps {
  hospitalId: string;
  dataSource: DataSource;
  now?: () => Date;
}

export function createHospitalLoaders(dataSource: DataSource): HospitalLoaders {
  return {
    ...createDepartmentLoaders(dataSource),
    ...createStaffLoaders(dataSource),
    ...createPatientRecordLoaders(dataSource),
    ...createLabResultLoaders(dataSource),
    ...createSharedResourceLoaders(dataSource),
    ...createBookingLoaders(dataSource),
  };
}

export function createHospitalContext(base: SubgraphRequestBase, deps: HospitalContextDeps): HospitalContext {
  return {
    ...base,
    caller: base.caller,
    hospitalId: deps.hospitalId,
    dataSource: deps.dataSource,
    loaders: createHospitalLoaders(deps.dataSource),
    audit: new AuditRecorder(),
    deniedRootLists: [],
    now: deps.now ?? (() => new Date()),
  };
}

/** DESIGN 3.1: a broadcast query names the members that should answer; absent = all. */
export function answersFor(hospitalIds: readonly string[] | null | undefined, ownId: string): boolean {
  return hospitalIds === null || hospitalIds === undefined || hospitalIds.includes(ownId);
}

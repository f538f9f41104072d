import type { DataSource } from 'typeorm';
import type { Logger } from '../../common/log';
import { AuditRecorder } from '../runtime/audit/audit-recorder';
import { operationHashOf } from '../runtime/audit/operation-facts-plugin';
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
  /** Delivers queued chart links to the alliance; absent when no alliance URL is set. */
  identityFeed?: { kick(): void };
  /** The operation's name and document hash (`operationFactsPlugin`), for a write's own audit row. */
  operationName: string | null;
  operationHash: string;
}

export interface HospitalContextDeps {
  hospitalId: string;
  dataSource: DataSource;
  now?: () => Date;
  identityFeed?: { kick(): void };
}

/**
 * Each group of loaders is made when a resolver first asks for one of it: a request
 * uses one or two of the thirteen, and making them all for every request was a
 * measurable share of its CPU. Still one set per request, so nothing is shared.
 */
class HospitalLoaderSet implements HospitalLoaders {
  #department?: DepartmentLoaders;
  #staff?: StaffLoaders;
  #patient?: PatientRecordLoaders;
  #labResult?: LabResultLoaders;
  #resource?: SharedResourceLoaders;
  #booking?: BookingLoaders;

  constructor(private readonly dataSource: DataSource) {}

  get departmentById() {
    return (this.#department ??= createDepartmentLoaders(this.dataSource)).departmentById;
  }
  get allDepartments() {
    return (this.#department ??= createDepartmentLoaders(this.dataSource)).allDepartments;
  }
  get staffById() {
    return (this.#staff ??= createStaffLoaders(this.dataSource)).staffById;
  }
  get staffByDepartment() {
    return (this.#staff ??= createStaffLoaders(this.dataSource)).staffByDepartment;
  }
  get allStaff() {
    return (this.#staff ??= createStaffLoaders(this.dataSource)).allStaff;
  }
  get staffMatching() {
    return (this.#staff ??= createStaffLoaders(this.dataSource)).staffMatching;
  }
  get patientByMrn() {
    return (this.#patient ??= createPatientRecordLoaders(this.dataSource)).patientByMrn;
  }
  get labResultById() {
    return (this.#labResult ??= createLabResultLoaders(this.dataSource)).labResultById;
  }
  get labResultsForRecord() {
    return (this.#labResult ??= createLabResultLoaders(this.dataSource)).labResultsForRecord;
  }
  get resourceById() {
    return (this.#resource ??= createSharedResourceLoaders(this.dataSource)).resourceById;
  }
  get allResources() {
    return (this.#resource ??= createSharedResourceLoaders(this.dataSource)).allResources;
  }
  get bookingById() {
    return (this.#booking ??= createBookingLoaders(this.dataSource)).bookingById;
  }
  get bookedInWindow() {
    return (this.#booking ??= createBookingLoaders(this.dataSource)).bookedInWindow;
  }
}

export function createHospitalLoaders(dataSource: DataSource): HospitalLoaders {
  return new HospitalLoaderSet(dataSource);
}

const systemClock = () => new Date();

/**
 * A class so that `logger` can be a getter on the prototype: Apollo copies the context's
 * own properties for each operation (which would make the logger at once), but keeps
 * its prototype.
 */
class HospitalRequestContext implements HospitalContext {
  readonly requestId: string;
  readonly headers: SubgraphRequestBase['headers'];
  readonly caller: SubgraphRequestBase['caller'];
  readonly hospitalId: string;
  readonly dataSource: DataSource;
  readonly loaders: HospitalLoaders;
  readonly audit = new AuditRecorder();
  readonly deniedRootLists: DeniedRootList[] = [];
  readonly now: () => Date;
  readonly identityFeed?: { kick(): void };
  operationName: string | null = null;
  operationHash = operationHashOf(undefined);

  constructor(
    private readonly base: SubgraphRequestBase,
    deps: HospitalContextDeps,
  ) {
    this.requestId = base.requestId;
    this.headers = base.headers;
    this.caller = base.caller;
    this.hospitalId = deps.hospitalId;
    this.dataSource = deps.dataSource;
    this.loaders = createHospitalLoaders(deps.dataSource);
    this.now = deps.now ?? systemClock;
    this.identityFeed = deps.identityFeed;
  }

  /** Made on first use: most requests log nothing. */
  get logger(): Logger {
    return this.base.logger;
  }
}

export function createHospitalContext(base: SubgraphRequestBase, deps: HospitalContextDeps): HospitalContext {
  return new HospitalRequestContext(base, deps);
}

/** DESIGN 3.1: a broadcast query names the members that should answer; absent = all. */
export function answersFor(hospitalIds: readonly string[] | null | undefined, ownId: string): boolean {
  return hospitalIds === null || hospitalIds === undefined || hospitalIds.includes(ownId);
}

import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AuditRecorder } from '../runtime/audit/audit-recorder';
import type { Caller, MemberStatus } from '../../common/auth/caller';
import type { AggregatePrivacy } from '../runtime/privacy/aggregate-privacy';
import type { LookUpHeldResults } from './integrity/member-results';
import type { CheckMemberContract } from './registry/member-contract-check';
import type { SubgraphRequestBase } from '../runtime/http/serve-subgraph';
import { byIdLoader, groupedLoader } from '../runtime/db/keyed-loaders';
import { UNKNOWN_OPERATION_HASH } from './audit/audit-labels';
import { MpiPatientEntity } from './mpi/mpi-patient.entity';
import { MpiRecordEntity } from './mpi/mpi-record.entity';
import { RecognitionItemEntity } from './recognition/recognition-item.entity';
import { ReferralEventEntity } from './referral/referral-event.entity';
import { ReferralEntity } from './referral/referral.entity';
import { HospitalEntity } from './registry/hospital.entity';
import { LabQualificationEntity } from './registry/lab-qualification.entity';
import { MembershipEventEntity } from './registry/membership-event.entity';
import { MembershipStatus } from './registry/registry-enums';

/** The alliance's time zone and minimum cell (DESIGN 5, de-identified aggregates). */
export type AllianceSettingsInContext = AggregatePrivacy;

/** Per-request loaders: one statement per relation per request, whatever the number of rows (DESIGN 7). */
export interface AllianceLoaders {
  hospital: DataLoader<string, HospitalEntity | null>;
  qualifications: DataLoader<string, LabQualificationEntity[]>;
  membershipHistory: DataLoader<string, MembershipEventEntity[]>;
  catalogueItem: DataLoader<string, RecognitionItemEntity | null>;
  patient: DataLoader<string, MpiPatientEntity | null>;
  recordsOfPatient: DataLoader<string, MpiRecordEntity[]>;
  referral: DataLoader<string, ReferralEntity | null>;
  referralsOfPatient: DataLoader<string, ReferralEntity[]>;
  referralHistory: DataLoader<string, ReferralEventEntity[]>;
}

export interface AllianceContext extends SubgraphRequestBase {
  caller: Caller | null;
  dataSource: DataSource;
  settings: AllianceSettingsInContext;
  loaders: AllianceLoaders;
  /** The PHI this request read or was refused; `auditPlugin` writes its one chained row. */
  audit: AuditRecorder;
  /** sha256 of the operation document, set by `operationFactsPlugin` before resolvers run. */
  operationHash: string;
  /** The GraphQL operation's name, set by the same plugin. */
  operationName: string | null;
  /** Asks a member about results it holds (`integrity/member-results.ts`). */
  lookUpHeldResults: LookUpHeldResults;
  /** Checks a candidate member's SDL against the hospital contract (`registry/member-contract-check.ts`). */
  checkMemberContract: CheckMemberContract;
}

/** What the alliance's resolvers ask of members. */
export interface MemberCalls {
  lookUpHeldResults: LookUpHeldResults;
  checkMemberContract: CheckMemberContract;
}

export function createLoaders(dataSource: DataSource): AllianceLoaders {
  return {
    hospital: byIdLoader(dataSource, HospitalEntity, 'id'),
    qualifications: groupedLoader(dataSource, LabQualificationEntity, 'hospitalId', [
      ['loinc', 'ASC'],
      ['validFrom', 'ASC'],
    ]),
    membershipHistory: groupedLoader(dataSource, MembershipEventEntity, 'hospitalId', [
      ['at', 'ASC'],
      ['id', 'ASC'],
    ]),
    catalogueItem: byIdLoader(dataSource, RecognitionItemEntity, 'loinc'),
    patient: byIdLoader(dataSource, MpiPatientEntity, 'mpiId'),
    recordsOfPatient: groupedLoader(dataSource, MpiRecordEntity, 'mpiId', [
      ['hospitalId', 'ASC'],
      ['mrn', 'ASC'],
    ]),
    referral: byIdLoader(dataSource, ReferralEntity, 'id'),
    referralsOfPatient: groupedLoader(dataSource, ReferralEntity, 'patientMpiId', [
      ['requestedAt', 'DESC'],
      ['id', 'DESC'],
    ]),
    referralHistory: groupedLoader(dataSource, ReferralEventEntity, 'referralId', [['seq', 'ASC']]),
  };
}

/**
 * The alliance keeps the registry, so it decides a clinician's membership itself, once per
 * request, from its own table: whatever the token says, a hospital that is not ACTIVE here
 * (or not registered at all) reads and writes nothing (DESIGN 5). The hospital row is
 * primed in the request's loader for the resolvers that need it again.
 */
async function withRegistryMembership(caller: Caller | null, loaders: AllianceLoaders): Promise<Caller | null> {
  if (!caller || caller.role !== 'clinician') return caller;
  const hospital = caller.hospitalId ? await loaders.hospital.load(caller.hospitalId) : null;
  return { ...caller, memberStatus: memberStatusOf(hospital?.status) };
}

/** A registry status as the caller carries it; PENDING, or no row, is UNKNOWN. */
function memberStatusOf(status: MembershipStatus | undefined): MemberStatus {
  switch (status) {
    case MembershipStatus.ACTIVE:
      return 'ACTIVE';
    case MembershipStatus.SUSPENDED:
      return 'SUSPENDED';
    case MembershipStatus.LEFT:
      return 'LEFT';
    default:
      return 'UNKNOWN';
  }
}

export async function createAllianceContext(
  base: SubgraphRequestBase,
  dataSource: DataSource,
  settings: AllianceSettingsInContext,
  members: MemberCalls,
): Promise<AllianceContext> {
  const loaders = createLoaders(dataSource);
  const caller = await withRegistryMembership(base.caller, loaders);
  return { ...base, caller, dataSource, settings, loaders, audit: new AuditRecorder(), operationHash: UNKNOWN_OPERATION_HASH, operationName: null, ...members };
}

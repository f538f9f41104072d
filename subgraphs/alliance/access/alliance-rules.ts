import type { Caller } from '../../../common/auth/caller';
import { isOutsideMembership, mayReadPhi } from '../../runtime/auth/access-rules';

/**
 * What a caller needs to receive a field of the alliance subgraph (DESIGN 5):
 *
 * | rule          | clinician (ACTIVE member) | analyst | dashboard | admin | service |
 * |---------------|---------------------------|---------|-----------|-------|---------|
 * | caller        | yes                       | yes     | yes       | yes   | yes     |
 * | phi           | with a purpose            | –       | –         | –     | –       |
 * | cooperation   | yes (a hospital involved) | –       | –         | yes   | –       |
 * | admin         | –                         | –       | –         | yes   | –       |
 * | memberUrl     | –                         | –       | –         | yes   | yes     |
 * | index         | with a purpose            | –       | –         | yes   | –       |
 *
 * `index` is the master patient index's own bookkeeping (linking a chart, the person's id):
 * also a member hospital's own process (role `member`), which links its own charts only
 * (`mayLinkPatientRecord`, checked on the object).
 * A clinician whose hospital is not an ACTIVE member gets nothing (the alliance reads its
 * own registry for that, see `context.ts`). Rules that depend on the object (which
 * hospital a referral or dispatch involves) are domain rules, checked where the write is
 * made (`referral/permissions.ts`, `mayManageCooperation`); this table is the coarse,
 * default-deny layer in front of them.
 */
export type AllianceRule = 'caller' | 'phi' | 'cooperation' | 'admin' | 'memberUrl' | 'index';

export function mayUseRule(caller: Caller | null, rule: AllianceRule): boolean {
  if (!caller || isOutsideMembership(caller)) return false;
  switch (rule) {
    case 'caller':
      return true;
    case 'phi':
      return mayReadPhi(caller);
    case 'cooperation':
      return caller.role === 'admin' || caller.role === 'clinician';
    case 'admin':
      return caller.role === 'admin';
    case 'memberUrl':
      return caller.role === 'admin' || caller.role === 'service';
    case 'index':
      return caller.role === 'admin' || caller.role === 'member' || mayReadPhi(caller);
  }
}

export const RULE_DENIED: Record<AllianceRule, string> = {
  caller: 'Authentication required.',
  phi: 'Patient data needs a clinician token and the X-Purpose-Of-Use header (TREATMENT, EMERGENCY or REFERRAL).',
  cooperation: 'Dispatch and training bookkeeping is for the alliance admin and clinicians of the hospitals involved.',
  admin: 'This is for the alliance admin only.',
  memberUrl: 'Member URLs are for the alliance admin and the gateway only.',
  index: 'The patient index is kept by clinicians with a purpose of use, member hospitals for their own charts, and the alliance admin.',
};

interface TypeRules {
  /** The rule of every field of the type not named in `fields`. */
  all?: AllianceRule;
  fields?: Readonly<Record<string, AllianceRule>>;
}

/**
 * The one table of the alliance subgraph: root fields one by one, other types as a whole
 * (with exceptions). A type or root field that is not here is refused; a test walks the
 * schema and fails on any field this table does not cover.
 */
export const ALLIANCE_ACCESS: Readonly<Record<string, TypeRules>> = {
  Query: {
    fields: {
      alliance: 'caller',
      hospitals: 'caller',
      hospital: 'caller',
      recognitionCatalog: 'caller',
      expertDispatches: 'caller',
      trainings: 'caller',
      allianceStats: 'caller',
      patient: 'phi',
      patientByIdentifier: 'phi',
      referrals: 'phi',
      referral: 'phi',
      auditTrail: 'admin',
      // federation's own fields: the contract SDL, and entities through guarded reference resolvers
      _service: 'caller',
      _entities: 'caller',
    },
  },
  Mutation: {
    fields: {
      registerHospital: 'admin',
      setMembershipStatus: 'admin',
      requestReferral: 'phi',
      acceptReferral: 'phi',
      rejectReferral: 'phi',
      markReferralArrived: 'phi',
      completeReferral: 'phi',
      cancelReferral: 'phi',
      recordRecognitionDecision: 'phi',
      scheduleExpertDispatch: 'cooperation',
      updateExpertDispatch: 'cooperation',
      enrollTraining: 'cooperation',
      completeTraining: 'cooperation',
      linkPatientRecord: 'index',
      unlinkPatientRecord: 'admin',
      mergePatients: 'admin',
    },
  },
  _Service: { all: 'caller' },
  Alliance: { all: 'caller' },
  Hospital: { all: 'caller', fields: { subgraphUrl: 'memberUrl', membershipHistory: 'admin' } },
  LabQualification: { all: 'caller' },
  MembershipEvent: { all: 'admin' },
  Department: { all: 'caller' },
  Staff: { all: 'caller' },
  Patient: { all: 'phi', fields: { mpiId: 'index' } },
  PatientLink: { all: 'index', fields: { patient: 'index' } },
  PatientRecord: { all: 'phi' },
  Referral: { all: 'phi' },
  ReferralEvent: { all: 'phi' },
  ReferralConnection: { all: 'phi' },
  ReferralEdge: { all: 'phi' },
  PageInfo: { all: 'caller' },
  // recognition is computed from the catalogue and the registry; the values stay at the member
  LabResult: { all: 'caller' },
  Recognition: { all: 'caller' },
  RecognitionItem: { all: 'caller' },
  RecognitionDecision: { all: 'phi' },
  ExpertDispatch: { all: 'caller' },
  ExpertDispatchConnection: { all: 'caller' },
  ExpertDispatchEdge: { all: 'caller' },
  Training: { all: 'caller' },
  TrainingConnection: { all: 'caller' },
  TrainingEdge: { all: 'caller' },
  AllianceStats: { all: 'caller' },
  HospitalStats: { all: 'caller' },
  StatsPoint: { all: 'caller' },
  RetestReasonCount: { all: 'caller' },
  AuditConnection: { all: 'admin' },
  AuditEdge: { all: 'admin' },
  AuditEntry: { all: 'admin' },
  AuditPatientRef: { all: 'admin' },
};

/** The rule of one field, or undefined: not covered, so refused. */
export function ruleOfField(typeName: string, fieldName: string): AllianceRule | undefined {
  const rules = ALLIANCE_ACCESS[typeName];
  if (!rules) return undefined;
  return rules.fields?.[fieldName] ?? rules.all;
}

import type { Caller } from '../../../common/auth/caller';
import { actsForHospital, mayLinkPatientRecord, mayManageCooperation, mayReadPhi, mayWritePhiFor } from './access-rules';
import { mayUseRule } from './alliance-rules';

const clinician: Caller = { subject: 'c', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT', memberStatus: 'ACTIVE' };
const noPurpose: Caller = { subject: 'c', role: 'clinician', hospitalId: 'dh-lead', memberStatus: 'ACTIVE' };
const admin: Caller = { subject: 'a', role: 'admin', hospitalId: 'dh-lead' };
const analyst: Caller = { subject: 'n', role: 'analyst', hospitalId: 'dh-lead' };
const dashboard: Caller = { subject: 'd', role: 'dashboard', hospitalId: 'dh-lead' };
const service: Caller = { subject: 'gw', role: 'service' };

describe('alliance access rules (DESIGN 5)', () => {
  it.each<[string, Caller | null, boolean, boolean, boolean, boolean, boolean]>([
    // name, caller, PHI read, PHI write for dh-lead, registry, subgraphUrl, audit
    ['clinician with purpose', clinician, true, true, false, false, false],
    ['clinician without purpose', noPurpose, false, false, false, false, false],
    ['clinician of a SUSPENDED member', { ...clinician, memberStatus: 'SUSPENDED' }, false, false, false, false, false],
    ['clinician of an unknown hospital', { ...clinician, hospitalId: 'dh-nowhere', memberStatus: 'UNKNOWN' }, false, false, false, false, false],
    ['admin: registry and audit, no PHI', admin, false, false, true, true, true],
    ['analyst: directory and stats, never PHI', analyst, false, false, false, false, false],
    ['dashboard: directory, resources and stats', dashboard, false, false, false, false, false],
    ['service (gateway): routes with member URLs', service, false, false, false, true, false],
    ['nobody', null, false, false, false, false, false],
  ])('%s', (_name, caller, phi, phiWrite, registry, url, audit) => {
    expect(mayReadPhi(caller)).toBe(phi);
    expect(mayWritePhiFor(caller, 'dh-lead')).toBe(phiWrite);
    expect(mayUseRule(caller, 'phi')).toBe(phi);
    expect(mayUseRule(caller, 'admin')).toBe(registry);
    expect(mayUseRule(caller, 'memberUrl')).toBe(url);
    expect(mayUseRule(caller, 'admin')).toBe(audit);
  });

  it.each<[Caller | null, string, boolean, boolean]>([
    // caller, hospital named by the write (fromHospitalId / atHospitalId), acts for it, may write PHI for it
    [clinician, 'dh-lead', true, true],
    [clinician, 'dh-district', false, false],
    [noPurpose, 'dh-lead', true, false],
    [admin, 'dh-lead', false, false],
    [analyst, 'dh-lead', false, false],
    [dashboard, 'dh-lead', false, false],
    [service, 'dh-lead', false, false],
    [null, 'dh-lead', false, false],
  ])('%o writing for %s: acts for it %s, PHI write %s', (caller, id, acts, phiWrite) => {
    expect(actsForHospital(caller, id)).toBe(acts);
    expect(mayWritePhiFor(caller, id)).toBe(phiWrite);
  });

  it.each<[Caller | null, string[], boolean]>([
    [admin, ['dh-district'], true],
    [clinician, ['dh-district', 'dh-lead'], true],
    [clinician, ['dh-district', 'dh-chc-hill'], false],
    [analyst, ['dh-lead'], false],
    [dashboard, ['dh-lead'], false],
    [service, ['dh-lead'], false],
  ])('mayManageCooperation(%o, %j) → %s', (caller, ids, expected) => expect(mayManageCooperation(caller, ids)).toBe(expected));

  it.each<[string, Caller | null, boolean]>([
    ['clinician of an ACTIVE member', clinician, true],
    ['clinician of a hospital that LEFT', { ...clinician, memberStatus: 'LEFT' }, false],
    ['analyst', analyst, true],
    ['service', service, true],
    ['nobody', null, false],
  ])('directory (rule "caller"): %s → %s', (_name, caller, expected) => expect(mayUseRule(caller, 'caller')).toBe(expected));
});

describe('mayLinkPatientRecord', () => {
  const clinicianOf = (hospitalId: string, purpose?: 'TREATMENT'): Caller => ({
    subject: 'c',
    role: 'clinician',
    hospitalId,
    memberStatus: 'ACTIVE',
    ...(purpose ? { purpose } : {}),
  });
  it.each<[string, Caller, string, boolean]>([
    ['the admin, for any hospital', { subject: 'a', role: 'admin' }, 'dh-lead', true],
    ['a member process, for its own hospital', { subject: 'm', role: 'member', hospitalId: 'dh-lead' }, 'dh-lead', true],
    ['a member process, for another hospital', { subject: 'm', role: 'member', hospitalId: 'dh-district' }, 'dh-lead', false],
    ['a clinician of that hospital with a purpose', clinicianOf('dh-lead', 'TREATMENT'), 'dh-lead', true],
    ['a clinician of that hospital without a purpose', clinicianOf('dh-lead'), 'dh-lead', false],
    ['a clinician of another hospital', clinicianOf('dh-district', 'TREATMENT'), 'dh-lead', false],
    ['an analyst', { subject: 'x', role: 'analyst' }, 'dh-lead', false],
  ])('%s → %s', (_name, caller, hospitalId, allowed) => expect(mayLinkPatientRecord(caller, hospitalId)).toBe(allowed));
});

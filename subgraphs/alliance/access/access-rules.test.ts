import { AuditRecorder } from '../../runtime/audit/audit-recorder';
import type { Caller } from '../../runtime/auth/caller';
import { actsForHospital, mayLinkPatientRecord, mayManageCooperation, mayManageRegistry, mayReadAudit, mayReadPhi, mayReadSubgraphUrl, mayWritePhiFor, requirePhiReader } from './access-rules';

const clinician: Caller = { subject: 'c', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT' };
const noPurpose: Caller = { subject: 'c', role: 'clinician', hospitalId: 'dh-lead' };
const admin: Caller = { subject: 'a', role: 'admin', hospitalId: 'dh-lead' };
const analyst: Caller = { subject: 'n', role: 'analyst', hospitalId: 'dh-lead' };
const dashboard: Caller = { subject: 'd', role: 'dashboard', hospitalId: 'dh-lead' };
const service: Caller = { subject: 'gw', role: 'service' };
const member: Caller = { subject: 'member:dh-lead', role: 'member', hospitalId: 'dh-lead' };

describe('alliance access rules (DESIGN 5)', () => {
  it.each<[string, Caller | null, boolean, boolean, boolean, boolean, boolean]>([
    // name, caller, PHI read, PHI write for dh-lead, registry, subgraphUrl, audit
    ['clinician with purpose', clinician, true, true, false, false, false],
    ['clinician without purpose', noPurpose, false, false, false, false, false],
    ['admin: registry and audit, no PHI', admin, false, false, true, true, true],
    ['analyst: directory and stats, never PHI', analyst, false, false, false, false, false],
    ['dashboard: directory, resources and stats', dashboard, false, false, false, false, false],
    ['service (gateway): routes with member URLs', service, false, false, false, true, false],
    ['nobody', null, false, false, false, false, false],
  ])('%s', (_name, caller, phi, phiWrite, registry, url, audit) => {
    expect(mayReadPhi(caller)).toBe(phi);
    expect(mayWritePhiFor(caller, 'dh-lead')).toBe(phiWrite);
    expect(mayManageRegistry(caller)).toBe(registry);
    expect(mayReadSubgraphUrl(caller)).toBe(url);
    expect(mayReadAudit(caller)).toBe(audit);
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

  it.each<[string, Caller | null, string | null]>([
    ['clinician with purpose', clinician, null],
    ['clinician without purpose', noPurpose, 'FORBIDDEN'],
    ['admin', admin, 'FORBIDDEN'],
    ['nobody', null, 'UNAUTHENTICATED'],
  ])('requirePhiReader: %s → %s, a refusal noted for the audit', (_name, caller, code) => {
    const audit = new AuditRecorder();
    if (code) expect(() => requirePhiReader({ caller, audit })).toThrow(expect.objectContaining({ code }));
    else expect(requirePhiReader({ caller, audit })).toBe(caller);
    expect(audit.wasDenied).toBe(code !== null);
  });

  it.each<[string, Caller | null, boolean, boolean]>([
    // name, caller, may link a chart of dh-lead, of dh-district
    ['clinician with purpose: own hospital only', clinician, true, false],
    ['clinician without purpose', noPurpose, false, false],
    ['admin: any member', admin, true, true],
    ["a member's own process: its own charts only", member, true, false],
    ['analyst', analyst, false, false],
    ['service (gateway)', service, false, false],
    ['nobody', null, false, false],
  ])('linkPatientRecord: %s', (_name, caller, own, other) => {
    expect(mayLinkPatientRecord(caller, 'dh-lead')).toBe(own);
    expect(mayLinkPatientRecord(caller, 'dh-district')).toBe(other);
  });

  it("gives a member's own process neither PHI nor the registry", () => {
    expect([mayReadPhi(member), mayManageRegistry(member), mayReadSubgraphUrl(member), mayReadAudit(member)]).toEqual([false, false, false, false]);
  });
});

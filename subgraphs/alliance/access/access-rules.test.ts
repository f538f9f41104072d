import type { Caller } from '../../runtime/auth/caller';
import { actsForHospital, mayManageCooperation, mayManageRegistry, mayReadAudit, mayReadPhi, mayReadSubgraphUrl } from './access-rules';

const clinician: Caller = { subject: 'c', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT' };
const noPurpose: Caller = { subject: 'c', role: 'clinician', hospitalId: 'dh-lead' };
const admin: Caller = { subject: 'a', role: 'admin', hospitalId: 'dh-lead' };
const analyst: Caller = { subject: 'n', role: 'analyst' };
const dashboard: Caller = { subject: 'd', role: 'dashboard' };
const service: Caller = { subject: 'gw', role: 'service' };

describe('access rules', () => {
  it.each<[string, Caller | null, boolean, boolean, boolean, boolean]>([
    // name, caller, PHI, registry, subgraphUrl, audit
    ['clinician with purpose', clinician, true, false, false, false],
    ['clinician without purpose', noPurpose, false, false, false, false],
    ['admin', admin, false, true, true, true],
    ['analyst', analyst, false, false, false, false],
    ['dashboard', dashboard, false, false, false, false],
    ['service (gateway)', service, false, false, true, false],
    ['nobody', null, false, false, false, false],
  ])('%s', (_name, caller, phi, registry, url, audit) => {
    expect(mayReadPhi(caller)).toBe(phi);
    expect(mayManageRegistry(caller)).toBe(registry);
    expect(mayReadSubgraphUrl(caller)).toBe(url);
    expect(mayReadAudit(caller)).toBe(audit);
  });

  it.each<[Caller | null, string, boolean]>([
    [clinician, 'dh-lead', true],
    [clinician, 'dh-district', false],
    [admin, 'dh-lead', false],
    [service, 'dh-lead', false],
    [null, 'dh-lead', false],
  ])('actsForHospital(%o, %s) → %s', (caller, id, expected) => expect(actsForHospital(caller, id)).toBe(expected));

  it.each<[Caller | null, string[], boolean]>([
    [admin, ['dh-district'], true],
    [clinician, ['dh-district', 'dh-lead'], true],
    [clinician, ['dh-district', 'dh-chc-hill'], false],
    [analyst, ['dh-lead'], false],
  ])('mayManageCooperation(%o, %j) → %s', (caller, ids, expected) => expect(mayManageCooperation(caller, ids)).toBe(expected));
});

import type { Caller } from '../../../common/auth/caller';
import { actsForHospital, mayReadPhi, requireAllowed, requireCaller } from './access-rules';

const clinician: Caller = { subject: 'c', role: 'clinician', hospitalId: 'dh-lead', purpose: 'EMERGENCY', memberStatus: 'ACTIVE' };

describe('shared access predicates', () => {
  it.each<[string, Caller | null, boolean]>([
    ['clinician with purpose', clinician, true],
    ['clinician without purpose', { ...clinician, purpose: undefined }, false],
    ['clinician of a SUSPENDED member', { ...clinician, memberStatus: 'SUSPENDED' }, false],
    ['clinician of an UNKNOWN hospital', { ...clinician, memberStatus: 'UNKNOWN' }, false],
    ['clinician with no stated membership', { ...clinician, memberStatus: undefined }, false],
    ['clinician with purpose but no hospital', { ...clinician, hospitalId: undefined }, false],
    ['analyst with a purpose', { subject: 'a', role: 'analyst', purpose: 'TREATMENT' }, false],
    ['admin', { subject: 'a', role: 'admin', hospitalId: 'dh-lead' }, false],
    ['service', { subject: 'gw', role: 'service' }, false],
    ['nobody', null, false],
  ])('%s may read PHI: %s', (_name, caller, expected) => {
    expect(mayReadPhi(caller)).toBe(expected);
  });

  it.each<[Caller | null, string, boolean]>([
    [clinician, 'dh-lead', true],
    [clinician, 'dh-district', false],
    [{ ...clinician, memberStatus: 'LEFT' }, 'dh-lead', false],
    [{ subject: 'a', role: 'admin', hospitalId: 'dh-lead' }, 'dh-lead', false],
    [null, 'dh-lead', false],
  ])('actsForHospital(%o, %s) → %s', (caller, id, expected) => expect(actsForHospital(caller, id)).toBe(expected));

  it('requireCaller and requireAllowed throw the typed errors', () => {
    expect(() => requireCaller(null)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
    expect(requireCaller(clinician)).toBe(clinician);
    expect(() => requireAllowed(false, 'no')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => requireAllowed(true, 'no')).not.toThrow();
  });
});

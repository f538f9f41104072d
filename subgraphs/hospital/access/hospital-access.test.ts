import type { Caller } from '../../../common/auth/caller';
import { bookingRefusal, mayCancelBooking, mayUse, type HospitalCapability } from './hospital-access';

const clinician: Caller = { subject: 'c', role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT', memberStatus: 'ACTIVE' };
const noPurpose: Caller = { subject: 'c', role: 'clinician', hospitalId: 'dh-lead', memberStatus: 'ACTIVE' };
const analyst: Caller = { subject: 'n', role: 'analyst' };
const dashboard: Caller = { subject: 'd', role: 'dashboard' };
const admin: Caller = { subject: 'a', role: 'admin', hospitalId: 'dh-lead' };
const service: Caller = { subject: 'gw', role: 'service' };

describe('hospital access matrix', () => {
  it.each<[string, Caller | null, Record<HospitalCapability, boolean>]>([
    ['clinician with purpose', clinician, { directory: true, resources: true, labSummary: true, phi: true }],
    ['clinician without purpose', noPurpose, { directory: true, resources: true, labSummary: true, phi: false }],
    ['clinician of a SUSPENDED member', { ...clinician, memberStatus: 'SUSPENDED' }, { directory: false, resources: false, labSummary: false, phi: false }],
    ['clinician of a hospital that LEFT', { ...clinician, memberStatus: 'LEFT' }, { directory: false, resources: false, labSummary: false, phi: false }],
    ['clinician of an UNKNOWN hospital', { ...clinician, memberStatus: 'UNKNOWN' }, { directory: false, resources: false, labSummary: false, phi: false }],
    ['clinician whose membership the gateway did not state', { ...clinician, memberStatus: undefined }, { directory: false, resources: false, labSummary: false, phi: false }],
    ['analyst', analyst, { directory: true, resources: false, labSummary: true, phi: false }],
    ['analyst claiming a purpose', { ...analyst, purpose: 'EMERGENCY' }, { directory: true, resources: false, labSummary: true, phi: false }],
    ['dashboard', dashboard, { directory: true, resources: true, labSummary: false, phi: false }],
    ['admin', admin, { directory: true, resources: false, labSummary: false, phi: false }],
    ['service (the gateway)', service, { directory: true, resources: false, labSummary: false, phi: false }],
    ['nobody', null, { directory: false, resources: false, labSummary: false, phi: false }],
  ])('%s', (_name, caller, expected) => {
    const actual = Object.fromEntries((Object.keys(expected) as HospitalCapability[]).map((c) => [c, mayUse(caller, c)]));
    expect(actual).toEqual(expected);
  });
});

describe('booking rules', () => {
  it.each<[string, Caller | null, string, boolean, string | null]>([
    ['own hospital, no patient', clinician, 'dh-lead', false, null],
    ['own hospital, with patient', clinician, 'dh-lead', true, null],
    ['own hospital, patient without purpose', noPurpose, 'dh-lead', true, 'Booking for a patient needs the X-Purpose-Of-Use header (TREATMENT, EMERGENCY or REFERRAL).'],
    ['own hospital, no patient, no purpose', noPurpose, 'dh-lead', false, null],
    ['for another hospital', clinician, 'dh-district', false, 'requestingHospitalId must be the hospital you act for.'],
    ['own hospital, SUSPENDED member', { ...clinician, memberStatus: 'SUSPENDED' }, 'dh-lead', false, 'Your hospital is not an active member of the alliance.'],
    ['dashboard', dashboard, 'dh-lead', false, 'Only clinicians book shared resources.'],
    ['admin of that hospital', admin, 'dh-lead', false, 'Only clinicians book shared resources.'],
    ['service', service, 'dh-lead', false, 'Only clinicians book shared resources.'],
    ['nobody', null, 'dh-lead', false, 'Only clinicians book shared resources.'],
  ])('%s', (_name, caller, requestingHospitalId, withPatient, refusal) => {
    expect(bookingRefusal(caller, { requestingHospitalId, withPatient })).toBe(refusal);
  });

  it.each<[string, Caller | null, string, boolean]>([
    ['clinician of the requesting hospital', { ...clinician, hospitalId: 'dh-chc-hill' }, 'dh-chc-hill', true],
    ['clinician of the holding hospital', { ...clinician, hospitalId: 'dh-district' }, 'dh-chc-hill', true],
    ['clinician of a third hospital', { ...clinician, hospitalId: 'dh-lead' }, 'dh-chc-hill', false],
    ['admin of the holding hospital', { ...admin, hospitalId: 'dh-district' }, 'dh-chc-hill', false],
    ['dashboard', dashboard, 'dh-chc-hill', false],
    ['nobody', null, 'dh-chc-hill', false],
  ])('cancel by %s → %s', (_name, caller, requestingHospitalId, expected) => {
    expect(mayCancelBooking(caller, { requestingHospitalId }, 'dh-district')).toBe(expected);
  });
});

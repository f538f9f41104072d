import { patientRefsOf } from './patient-refs';

describe('patient references of PHI values', () => {
  it.each<[string, string, unknown, string[]]>([
    ['own chart', 'PatientRecord', { mrn: 'LEAD01', name: '王芳' }, ['dh-lead:LEAD01']],
    ["another member's chart (a booking's patient)", 'PatientRecord', { hospitalId: 'dh-chc-hill', mrn: 'HILL07' }, ['dh-chc-hill:HILL07']],
    ['lab results', 'LabResult', [{ mrn: 'LEAD01', valueQuantity: 4.1 }, { mrn: 'LEAD02' }], ['dh-lead:LEAD01', 'dh-lead:LEAD02']],
    ['no chart', 'PatientRecord', null, []],
    ['a type that names no patient', 'Department', { id: 'dep-cardiology' }, []],
  ])('%s', (_name, typeName, value, expected) => {
    expect(patientRefsOf(typeName, value, 'dh-lead')).toEqual(expected);
  });
});

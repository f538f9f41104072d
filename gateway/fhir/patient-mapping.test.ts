import { patientProblems } from '../../test/fhir/support/r4-shape';
import { toPatient } from './patient-mapping';

describe('toPatient', () => {
  it('carries the MPI id, one identifier per chart and the demographics', () => {
    const patient = toPatient('MPI-000001', [
      { hospitalId: 'dh-lead', mrn: 'L-1', name: '王芳', sex: 'FEMALE', birthDate: '1960-02-03' },
      { hospitalId: 'dh-district', mrn: 'D-9', name: null, sex: null, birthDate: null },
    ]);
    expect(patient).toEqual({
      resourceType: 'Patient',
      id: 'MPI-000001',
      identifier: [
        { use: 'official', system: 'urn:medalliance:mpi', value: 'MPI-000001' },
        { use: 'usual', system: 'urn:medalliance:hospital:dh-lead:mrn', value: 'L-1', assigner: { display: 'dh-lead' } },
        { use: 'usual', system: 'urn:medalliance:hospital:dh-district:mrn', value: 'D-9', assigner: { display: 'dh-district' } },
      ],
      name: [{ text: '王芳' }],
      gender: 'female',
      birthDate: '1960-02-03',
    });
    expect(patientProblems(patient)).toEqual([]);
  });

  it('writes the names, telecom, addresses and identifiers a chart kept from its source as given', () => {
    const NI = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI', display: null }], text: null };
    const patient = toPatient('MPI-000002', [
      { hospitalId: 'dh-lead', mrn: 'L-2', name: '王芳', sex: 'FEMALE', birthDate: '1960-02-03' },
      {
        hospitalId: 'dh-chc-hill',
        mrn: 'H-2',
        name: '王芳',
        names: [
          { use: 'official', text: null, family: '王', given: ['芳'], prefix: [], suffix: [] },
          { use: 'nickname', text: 'Fang', family: null, given: [], prefix: [], suffix: [] },
        ],
        telecom: [{ system: 'phone', value: '13800000000', use: 'mobile', rank: null }],
        addresses: [{ use: 'home', type: null, text: null, line: ['珞喻路 1 号'], city: '武汉', district: null, state: null, postalCode: null, country: 'CN' }],
        identifiers: [{ use: null, type: NI, system: 'urn:oid:2.16.156.10011.1.1', value: '11010519491231002X' }],
      },
    ]);
    expect(patient.name).toEqual([
      { use: 'official', family: '王', given: ['芳'] },
      { use: 'nickname', text: 'Fang' },
    ]);
    expect(patient.telecom).toEqual([{ system: 'phone', value: '13800000000', use: 'mobile' }]);
    expect(patient.address).toEqual([{ use: 'home', line: ['珞喻路 1 号'], city: '武汉', country: 'CN' }]);
    expect(patient.identifier!.at(-1)).toEqual({
      type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI' }] },
      system: 'urn:oid:2.16.156.10011.1.1',
      value: '11010519491231002X',
    });
    expect(patientProblems(patient)).toEqual([]);
  });

  it.each([
    ['MALE', 'male'],
    ['FEMALE', 'female'],
    ['OTHER', 'other'],
    ['UNKNOWN', 'unknown'],
  ] as const)('sex %s → gender %s', (sex, gender) => expect(toPatient('X', [{ hospitalId: 'h', mrn: 'm', sex }]).gender).toBe(gender));
});

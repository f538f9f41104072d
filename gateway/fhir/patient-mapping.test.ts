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

  it.each([
    ['MALE', 'male'],
    ['FEMALE', 'female'],
    ['OTHER', 'other'],
    ['UNKNOWN', 'unknown'],
  ] as const)('sex %s → gender %s', (sex, gender) => expect(toPatient('X', [{ hospitalId: 'h', mrn: 'm', sex }]).gender).toBe(gender));
});

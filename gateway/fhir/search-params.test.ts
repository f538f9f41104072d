import { parseObservationSearch } from './search-params';

describe('parseObservationSearch', () => {
  it.each([
    [{ patient: 'MPI-000001' }, { mpiId: 'MPI-000001' }],
    [{ patient: 'Patient/MPI-000001' }, { mpiId: 'MPI-000001' }],
    [{ subject: 'Patient/MPI-000001' }, { mpiId: 'MPI-000001' }],
    [{ patient: 'MPI-000001', code: '718-7' }, { mpiId: 'MPI-000001', loinc: ['718-7'] }],
    [{ patient: 'MPI-000001', code: 'http://loinc.org|718-7,2823-3' }, { mpiId: 'MPI-000001', loinc: ['718-7', '2823-3'] }],
    [{ patient: 'MPI-000001', _format: 'json' }, { mpiId: 'MPI-000001' }],
  ])('%j → %j', (query, expected) => expect(parseObservationSearch(query)).toEqual(expected));

  it.each([
    [{}, 400, 'required'],
    [{ patient: 'MPI 1' }, 400, 'value'],
    [{ patient: ['a', 'b'] }, 400, 'invalid'],
    [{ patient: 'MPI-000001', code: 'http://snomed.info/sct|1234' }, 400, 'not-supported'],
    [{ patient: 'MPI-000001', code: 'glucose' }, 400, 'code-invalid'],
    [{ patient: 'MPI-000001', date: 'ge2026' }, 400, 'not-supported'],
  ])('%j → %d %s', (query, status, code) => {
    let thrown: any;
    try {
      parseObservationSearch(query as Record<string, unknown>);
    } catch (error) {
      thrown = error;
    }
    expect(thrown.status).toBe(status);
    expect(thrown.outcome.issue[0].code).toBe(code);
  });
});

import { parseObservationSearch, parsePatientSearch } from './search-params';

const defaults = { codes: [], laboratoryOnly: false, dates: [], sort: '-date', count: 50, offset: 0 };

describe('parseObservationSearch', () => {
  it.each([
    [{ patient: 'MPI-000001' }, {}],
    [{ patient: 'Patient/MPI-000001' }, {}],
    [{ subject: 'Patient/MPI-000001' }, {}],
    [{ patient: 'MPI-000001', code: '718-7' }, { codes: [['718-7']] }],
    [{ patient: 'MPI-000001', code: 'http://loinc.org|718-7,2823-3' }, { codes: [['718-7', '2823-3']] }],
    [{ patient: 'MPI-000001', code: ['718-7', '2823-3'] }, { codes: [['718-7'], ['2823-3']] }],
    [{ patient: 'MPI-000001', _format: 'json' }, {}],
    [
      { patient: 'MPI-000001', _count: '10', _offset: '20', _sort: 'date' },
      { count: 10, offset: 20, sort: 'date' },
    ],
    [{ patient: 'MPI-000001', category: 'laboratory' }, { laboratoryOnly: true }],
    [{ patient: 'MPI-000001', date: 'ge2026' }, { dates: [{ prefix: 'ge', start: Date.UTC(2026, 0, 1), end: Date.UTC(2027, 0, 1) }] }],
    [{ patient: 'MPI-000001', date: '2026-02-03T04:05:06+08:00' }, { dates: [{ prefix: 'eq', start: Date.UTC(2026, 1, 2, 20, 5, 6), end: Date.UTC(2026, 1, 2, 20, 5, 7) }] }],
  ])('%j → %j', (query, expected) => expect(parseObservationSearch(query)).toEqual({ mpiId: 'MPI-000001', ...defaults, ...expected }));

  it.each([
    [{}, 400, 'required'],
    [{ patient: 'MPI 1' }, 400, 'value'],
    [{ patient: ['a', 'b'] }, 400, 'invalid'],
    [{ patient: 'MPI-000001', code: 'http://snomed.info/sct|1234' }, 400, 'not-supported'],
    [{ patient: 'MPI-000001', code: 'glucose' }, 400, 'code-invalid'],
    [{ patient: 'MPI-000001', date: 'after2026' }, 400, 'value'],
    [{ patient: 'MPI-000001', date: '2026-02-03T04:05' }, 400, 'value'],
    [{ patient: 'MPI-000001', _sort: 'code' }, 400, 'not-supported'],
    [{ patient: 'MPI-000001', _count: '1000' }, 400, 'value'],
    [{ patient: 'MPI-000001', _format: 'xml' }, 406, 'not-supported'],
    [{ patient: 'MPI-000001', performer: 'x' }, 400, 'not-supported'],
  ])('%j → %d %s', (query, status, code) => {
    let thrown: any;
    try {
      parseObservationSearch(query);
    } catch (error) {
      thrown = error;
    }
    expect(thrown.status).toBe(status);
    expect(thrown.outcome.issue[0].code).toBe(code);
  });
});

describe('parsePatientSearch', () => {
  const systems = { mpi: 'urn:medalliance:mpi', hospitalOfMrnSystem: (s: string) => /^urn:medalliance:hospital:(.+):mrn$/.exec(s)?.[1] };
  it.each([
    [{ identifier: 'urn:medalliance:mpi|MPI-000001' }, { kind: 'mpi', mpiId: 'MPI-000001' }],
    [{ _id: 'MPI-000001' }, { kind: 'mpi', mpiId: 'MPI-000001' }],
    [{ identifier: 'urn:medalliance:hospital:dh-lead:mrn|LEAD0001' }, { kind: 'chart', hospitalId: 'dh-lead', mrn: 'LEAD0001' }],
  ])('%j → %j', (query, expected) => expect(parsePatientSearch(query, systems)).toEqual(expected));

  it.each([[{}], [{ identifier: 'LEAD0001' }], [{ identifier: 'http://example.org|x' }], [{ identifier: 'urn:medalliance:mpi|MPI-1', _id: 'MPI-1' }], [{ name: 'x' }]])(
    'refuses %j',
    (query) => {
      expect(() => parsePatientSearch(query, systems)).toThrow();
    },
  );
});

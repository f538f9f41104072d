import { planImport } from './plan-import';

const H = 'dh-partner-y';
const patient = (id: string, mrn: string, extra: Record<string, unknown> = {}) => ({
  fullUrl: `urn:uuid:${id}`,
  resource: {
    resourceType: 'Patient',
    id,
    identifier: [
      { system: 'urn:medalliance:mpi', value: 'MPI-1' },
      { system: `urn:medalliance:hospital:${H}:mrn`, value: mrn },
    ],
    name: [{ text: '王芳' }],
    gender: 'female',
    birthDate: '1960-02-03',
    ...extra,
  },
});
const ucum = (value: number, unit = 'mmol/L') => ({ value, unit, system: 'http://unitsofmeasure.org', code: unit });
const observation = (id: string, extra: Record<string, unknown> = {}) => ({
  resource: {
    resourceType: 'Observation',
    id,
    identifier: [{ system: `urn:medalliance:hospital:${H}:lab-result`, value: `lr-${id}` }],
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '2823-3' }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-03-01T01:30:00.000Z',
    issued: '2026-03-01T04:00:00.000Z',
    valueQuantity: ucum(5.9),
    referenceRange: [{ low: ucum(3.5), high: ucum(5.3) }],
    interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'H' }] }],
    ...extra,
  },
});
const bundle = (...entry: unknown[]) => ({ resourceType: 'Bundle', type: 'collection', entry });

describe('planImport', () => {
  it('turns a Patient and its Observation into a chart and a result', () => {
    const plan = planImport(bundle(patient('p1', 'Y-0001'), observation('o1')), { hospitalId: H });
    expect(plan.rejected).toEqual([]);
    expect(plan.charts).toEqual([
      {
        mrn: 'Y-0001',
        name: '王芳',
        sex: 'FEMALE',
        birthDate: '1960-02-03',
        nationalId: null,
        names: [{ use: null, text: '王芳', family: null, given: [], prefix: [], suffix: [] }],
        telecom: null,
        addresses: null,
        identifiers: null,
      },
    ]);
    expect(plan.results).toEqual([
      expect.objectContaining({
        id: 'lr-o1',
        mrn: 'Y-0001',
        loinc: '2823-3',
        unit: 'mmol/L',
        valueQuantity: 5.9,
        refLow: 3.5,
        refHigh: 5.3,
        interpretation: 'HIGH',
        status: 'FINAL',
        collectedAt: new Date('2026-03-01T01:30:00.000Z'),
        reportedAt: new Date('2026-03-01T04:00:00.000Z'),
      }),
    ]);
  });

  it('finds the subject by fullUrl too, and ids a result without our identifier by its resource id', () => {
    const plan = planImport(bundle(patient('p1', 'Y-0001'), observation('o1', { subject: { reference: 'urn:uuid:p1' }, identifier: undefined })), { hospitalId: H });
    expect(plan.results.map((r) => r.id)).toEqual(['fhir-o1']);
  });

  it('computes the interpretation from the range when the bundle has none', () => {
    const plan = planImport(bundle(patient('p1', 'Y-0001'), observation('o1', { interpretation: undefined, valueQuantity: ucum(3.0) })), { hospitalId: H });
    expect(plan.results[0].interpretation).toBe('LOW');
  });

  it.each([
    ['an unknown LOINC code', { code: { coding: [{ system: 'http://loinc.org', code: '99999-9' }] } }, 'LOINC 99999-9 is not a test this alliance knows'],
    ['no LOINC coding', { code: { coding: [{ system: 'http://snomed.info/sct', code: '123' }] } }, 'no LOINC coding'],
    ['a mass unit for a molar test', { valueQuantity: ucum(99, 'mg/dL') }, 'unit "mg/dL" is not mmol/L'],
    ['a unit outside UCUM', { valueQuantity: { value: 5, unit: 'mmol/L', system: 'http://example.org/units', code: 'mmol/L' } }, 'not in UCUM'],
    ['a range in another unit', { referenceRange: [{ low: ucum(3.5, 'mEq/L') }] }, 'referenceRange[0].low unit'],
    ['a status with no equivalent', { status: 'entered-in-error' }, 'status "entered-in-error" has no equivalent'],
    [
      'an unknown interpretation',
      { interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'POS' }] }] },
      'interpretation "POS"',
    ],
    ['no time zone', { effectiveDateTime: '2026-03-01T01:30:00' }, 'effectiveDateTime is not a dateTime'],
    ['a subject outside the bundle', { subject: { reference: 'Patient/elsewhere' } }, 'subject is not a Patient in this bundle'],
    [
      'another member as performer',
      { contained: [{ resourceType: 'Organization', id: 'o', identifier: [{ system: 'urn:medalliance:hospital', value: 'dh-lead' }] }], performer: [{ reference: '#o' }] },
      'performed by another member (dh-lead)',
    ],
  ])('refuses %s', (_name, change, reason) => {
    const plan = planImport(bundle(patient('p1', 'Y-0001'), observation('o1', change)), { hospitalId: H });
    expect(plan.results).toEqual([]);
    expect(plan.rejected).toEqual([{ entry: 1, resourceType: 'Observation', id: 'o1', reason: expect.stringContaining(reason) }]);
  });

  it('refuses a Patient without a chart number here, and its Observations with it', () => {
    const plan = planImport(bundle(patient('p1', 'Y-0001', { identifier: [{ system: 'urn:medalliance:hospital:dh-lead:mrn', value: 'L-1' }] }), observation('o1')), {
      hospitalId: H,
    });
    expect(plan.rejected.map((r) => [r.entry, r.reason])).toEqual([
      [0, expect.stringContaining('no chart number')],
      [1, 'its Patient was rejected'],
    ]);
  });

  it('takes the chart number from a named system, or the only local identifier', () => {
    const foreign = patient('p1', 'x', { identifier: [{ system: 'http://his.example/mrn', value: 'H-77' }] });
    expect(planImport(bundle(foreign), { hospitalId: H }).charts[0].mrn).toBe('H-77');
    const two = patient('p1', 'x', {
      identifier: [
        { system: 'http://his.example/mrn', value: 'H-77' },
        { system: 'http://his.example/card', value: 'C-1' },
      ],
    });
    expect(planImport(bundle(two), { hospitalId: H }).rejected).toHaveLength(1);
    expect(planImport(bundle(two), { hospitalId: H, mrnSystem: 'http://his.example/card' }).charts[0].mrn).toBe('C-1');
  });

  describe('identifiers typed with HL7 v2-0203', () => {
    const typed = (code: string, system: string, value: string) => ({ system, value, type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code }] } });
    const ni = (value: string) => typed('NI', 'urn:oid:2.16.156.10011.1.1', value);
    const mr = (value: string) => typed('MR', 'http://his.example/mrn', value);

    it('takes NI as the national id (normalised) and MR as the chart number', () => {
      const plan = planImport(bundle(patient('p1', 'x', { identifier: [ni('11010519491231002x'), mr('H-78')] })), { hospitalId: H });
      expect(plan.rejected).toEqual([]);
      expect(plan.charts).toEqual([expect.objectContaining({ mrn: 'H-78', nationalId: '11010519491231002X' })]);
    });

    it('never takes a national id as the chart number', () => {
      const plan = planImport(bundle(patient('p1', 'x', { identifier: [ni('11010519491231002X'), { system: 'http://his.example/mrn', value: 'H-79' }] })), { hospitalId: H });
      expect(plan.charts.map((c) => [c.mrn, c.nationalId])).toEqual([['H-79', '11010519491231002X']]);
    });

    it.each([
      ['a wrong check character', [ni('110105194912310021'), mr('H-80')], 'check character'],
      ['two national ids', [ni('11010519491231002X'), ni('440524188001010014'), mr('H-80')], 'more than one national id'],
    ])('refuses a Patient with %s, without repeating the number', (_name, identifier, reason) => {
      const plan = planImport(bundle(patient('p1', 'x', { identifier })), { hospitalId: H });
      expect(plan.charts).toEqual([]);
      expect(plan.rejected.map((r) => r.reason)).toEqual([expect.stringContaining(reason)]);
      expect(JSON.stringify(plan.rejected)).not.toMatch(/1101051949/);
    });
  });

  it('never loads the same identifier twice from one bundle', () => {
    const plan = planImport(bundle(patient('p1', 'Y-0001'), observation('o1'), observation('o1')), { hospitalId: H });
    expect(plan.results).toHaveLength(1);
    expect(plan.rejected).toEqual([expect.objectContaining({ entry: 2, reason: expect.stringContaining('twice') })]);
  });

  it('refuses other resource types by index, and a file that is not a Bundle outright', () => {
    expect(planImport(bundle({ resource: { resourceType: 'Encounter', id: 'e' } }), { hospitalId: H }).rejected).toEqual([
      { entry: 0, resourceType: 'Encounter', id: 'e', reason: expect.any(String) },
    ]);
    expect(() => planImport({ resourceType: 'Patient' }, { hospitalId: H })).toThrow('not a FHIR Bundle');
  });

  it('reports no patient data', () => {
    const plan = planImport(bundle(patient('p1', 'Y-0001', { birthDate: '1960' }), observation('o1', { valueQuantity: ucum(99, 'mg/dL') })), { hospitalId: H });
    const text = JSON.stringify(plan.rejected);
    for (const phi of ['王芳', 'Y-0001', '1960', '99']) expect(text).not.toContain(phi);
  });
});

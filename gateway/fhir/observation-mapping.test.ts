import { bundleProblems, observationProblems } from '../../test/fhir/support/r4-shape';
import { observationSearchBundle } from './fhir-answers';
import type { LabResultRow } from './graphql-shapes';
import { observationId, parseObservationId, toObservation } from './observation-mapping';
import { parseObservationSearch } from './search-params';

const result: LabResultRow = {
  hospitalId: 'dh-lead',
  id: 'lr-000123',
  loinc: '2823-3',
  name: '钾 Potassium',
  valueQuantity: 5.9,
  valueString: null,
  unit: 'mmol/L',
  referenceRange: { low: 3.5, high: 5.3, text: null },
  interpretation: 'HIGH',
  status: 'FINAL',
  specimen: '血清',
  collectedAt: '2026-03-01T01:30:00.000Z',
  reportedAt: '2026-03-01T04:00:00.000Z',
};
const lead = { id: 'dh-lead', name: '东湖大学附属医院' };

describe('toObservation', () => {
  const o = toObservation(result, 'MPI-000001', lead);

  it('codes the test in LOINC and the value in UCUM', () => {
    expect(o.code.coding).toEqual([{ system: 'http://loinc.org', code: '2823-3', display: '钾 Potassium' }]);
    expect(o.valueQuantity).toEqual({ value: 5.9, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' });
    expect(o.referenceRange).toEqual([
      {
        low: { value: 3.5, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
        high: { value: 5.3, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
      },
    ]);
  });

  it('names the patient, the times and the performing member', () => {
    expect(o.subject).toEqual({ reference: 'Patient/MPI-000001' });
    expect(o.effectiveDateTime).toBe('2026-03-01T01:30:00.000Z');
    expect(o.issued).toBe('2026-03-01T04:00:00.000Z');
    expect(o.performer).toEqual([{ reference: '#dh-lead', display: '东湖大学附属医院' }]);
    expect(o.contained).toEqual([
      { resourceType: 'Organization', id: 'dh-lead', identifier: [{ system: 'urn:medalliance:hospital', value: 'dh-lead' }], name: '东湖大学附属医院' },
    ]);
    expect(o.identifier).toEqual([{ system: 'urn:medalliance:hospital:dh-lead:lab-result', value: 'lr-000123' }]);
    expect(o.id).toBe('MPI-000001.dh-lead.2823-3.lr-000123');
  });

  it.each([
    ['NORMAL', 'N'],
    ['LOW', 'L'],
    ['HIGH', 'H'],
    ['CRITICAL_LOW', 'LL'],
    ['CRITICAL_HIGH', 'HH'],
    ['ABNORMAL', 'A'],
  ] as const)('interpretation %s → v3 %s', (interpretation, code) => {
    const coding = toObservation({ ...result, interpretation }, 'MPI-000001', lead).interpretation![0].coding![0];
    expect(coding).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code });
  });

  it.each([
    ['REGISTERED', 'registered'],
    ['PRELIMINARY', 'preliminary'],
    ['FINAL', 'final'],
    ['AMENDED', 'amended'],
    ['CANCELLED', 'cancelled'],
  ] as const)('status %s → %s', (status, expected) => expect(toObservation({ ...result, status }, 'MPI-000001', lead).status).toBe(expected));

  it('leaves out what the result does not have', () => {
    const bare = toObservation(
      { ...result, valueQuantity: null, valueString: 'see report', interpretation: null, referenceRange: { low: null, high: null, text: null }, reportedAt: null, specimen: null },
      'MPI-000001',
      undefined,
    );
    expect(bare).not.toHaveProperty('valueQuantity');
    expect(bare.valueString).toBe('see report');
    expect(bare).not.toHaveProperty('interpretation');
    expect(bare).not.toHaveProperty('referenceRange');
    expect(bare).not.toHaveProperty('issued');
    expect(bare.performer).toEqual([{ reference: '#dh-lead', display: undefined }]);
  });

  it('a one-sided range keeps its side (total cholesterol < 5.2)', () => {
    expect(toObservation({ ...result, referenceRange: { low: null, high: 5.2, text: '<5.2' } }, 'MPI-000001', lead).referenceRange).toEqual([
      { high: { value: 5.2, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' }, text: '<5.2' },
    ]);
  });

  it('passes the R4 structural check', () => expect(observationProblems(o)).toEqual([]));

  it('makes FHIR ids of any result id, naming person, chart and code so that the id reads back', () => {
    const id = observationId('MPI-000001', { hospitalId: 'dh-lead', loinc: '718-7', id: 'a/b c' });
    expect(id).toBe('MPI-000001.dh-lead.718-7.a-b-c');
    expect(parseObservationId(id)).toEqual({ mpiId: 'MPI-000001', hospitalId: 'dh-lead', loinc: '718-7' });
  });

  it.each(['dh-lead.lr-1', 'MPI-1.dh-lead.glucose.lr-1', `MPI-1.dh-lead.718-7.${'x'.repeat(60)}`])('reads no reference from %s', (id) =>
    expect(parseObservationId(id)).toBeUndefined(),
  );
});

describe('toObservation of a result kept from its source (contract 1.2)', () => {
  const ucum = (value: number) => ({ value, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' });
  const lis = { use: 'official', type: null, system: 'urn:oid:1.2.3', value: 'LIS-77' };
  const kept: LabResultRow = {
    ...result,
    fhirStatus: 'corrected',
    status: 'AMENDED',
    identifiers: [lis],
    code: {
      coding: [
        { system: 'urn:lis', code: 'K', display: null },
        { system: 'http://loinc.org', code: '2823-3', display: 'potassium' },
      ],
      text: 'K+',
    },
    performers: [
      {
        reference: '#lab',
        type: null,
        display: 'Central Lab',
        identifier: null,
        organization: { id: 'lab', name: 'Central Lab', identifier: [{ ...lis, use: null, value: 'L-1' }] },
      },
    ],
    referenceRanges: [
      {
        low: 3.5,
        high: 5.3,
        text: null,
        unit: 'mmol/L',
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/referencerange-meaning', code: 'normal', display: null }], text: null },
        appliesTo: null,
      },
      { low: null, high: 6, text: 'critical', unit: 'mmol/L', type: null, appliesTo: [{ coding: [], text: 'adults' }] },
    ],
    method: { coding: [], text: 'ISE' },
    notes: [{ text: '溶血', time: '2026-03-01T02:00:00Z', authorString: null }],
  };
  const o = toObservation(kept, 'MPI-000001', lead);

  it('writes back what was kept, as given, beside the contract fields', () => {
    expect(o.status).toBe('corrected');
    expect(o.identifier).toEqual([
      { system: 'urn:medalliance:hospital:dh-lead:lab-result', value: 'lr-000123' },
      { use: 'official', system: 'urn:oid:1.2.3', value: 'LIS-77' },
    ]);
    // the LOINC coding first, where a code search looks; display and text as the source gave them
    expect(o.code).toEqual({
      coding: [
        { system: 'http://loinc.org', code: '2823-3', display: 'potassium' },
        { system: 'urn:lis', code: 'K' },
      ],
      text: 'K+',
    });
    expect(o.performer).toEqual([{ reference: '#lab', display: 'Central Lab' }]);
    expect(o.contained).toEqual([{ resourceType: 'Organization', id: 'lab', name: 'Central Lab', identifier: [{ system: 'urn:oid:1.2.3', value: 'L-1' }] }]);
    expect(o.referenceRange).toEqual([
      { low: ucum(3.5), high: ucum(5.3), type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/referencerange-meaning', code: 'normal' }] } },
      { high: ucum(6), appliesTo: [{ text: 'adults' }], text: 'critical' },
    ]);
    expect(o.method).toEqual({ text: 'ISE' });
    expect(o.note).toEqual([{ text: '溶血', time: '2026-03-01T02:00:00Z' }]);
    expect(observationProblems(o)).toEqual([]);
  });
});

describe('observationSearchBundle', () => {
  const base = 'http://gw/fhir/r4';
  const search = (query: Record<string, unknown> = {}) => parseObservationSearch({ patient: 'MPI-000001', ...query });
  const pages = (offset: number) => `${base}/Observation?patient=MPI-000001${offset ? `&_offset=${offset}` : ''}`;
  const answer = (records: unknown, errors?: unknown) => ({ data: { hospitals: [lead], patient: { mpiId: 'MPI-000001', records } }, errors }) as never;

  it('is a searchset of matches, newest first, with a total', () => {
    const older = { ...result, id: 'lr-1', collectedAt: '2026-01-01T00:00:00.000Z' };
    const bundle = observationSearchBundle(answer([{ hospitalId: 'dh-lead', mrn: 'm', labResults: [older, result] }]), search(), base, pages);
    expect(bundle.type).toBe('searchset');
    expect(bundle.total).toBe(2);
    const ids = [`MPI-000001.dh-lead.${result.loinc}.lr-000123`, `MPI-000001.dh-lead.${result.loinc}.lr-1`];
    expect(bundle.entry!.map((e) => e.resource!.id)).toEqual(ids);
    expect(bundle.entry![0].fullUrl).toBe(`${base}/Observation/${ids[0]}`);
    expect(bundleProblems(bundle)).toEqual([]);
    // oldest first on request
    expect(
      observationSearchBundle(answer([{ hospitalId: 'dh-lead', mrn: 'm', labResults: [older, result] }]), search({ _sort: 'date' }), base, pages).entry!.map((e) => e.resource!.id),
    ).toEqual([...ids].reverse());
  });

  it('pages with _count and _offset, with first, previous and next links that work', () => {
    const results = Array.from({ length: 5 }, (_, i) => ({ ...result, id: `lr-${i}`, collectedAt: `2026-0${i + 1}-01T00:00:00.000Z` }));
    const records = [{ hospitalId: 'dh-lead', mrn: 'm', labResults: results }];
    const first = observationSearchBundle(answer(records), search({ _count: '2' }), base, pages);
    expect(first.total).toBe(5);
    expect(first.entry!.map((e) => e.resource!.id!.split('.').pop())).toEqual(['lr-4', 'lr-3']);
    expect(Object.fromEntries(first.link!.map((l) => [l.relation, l.url]))).toEqual({ self: pages(0), first: pages(0), next: pages(2) });
    const last = observationSearchBundle(answer(records), search({ _count: '2', _offset: '4' }), base, pages);
    expect(last.entry!.map((e) => e.resource!.id!.split('.').pop())).toEqual(['lr-0']);
    expect(Object.fromEntries(last.link!.map((l) => [l.relation, l.url]))).toEqual({ self: pages(4), first: pages(0), previous: pages(2) });
  });

  it("filters by date (FHIR prefixes on the value's precision), code lists and category", () => {
    const results = [
      { ...result, id: 'jan', loinc: '718-7', collectedAt: '2026-01-15T08:00:00.000Z' },
      { ...result, id: 'feb', loinc: '2823-3', collectedAt: '2026-02-15T08:00:00.000Z' },
      { ...result, id: 'mar', loinc: '718-7', collectedAt: '2026-03-15T08:00:00.000Z' },
    ];
    const records = [{ hospitalId: 'dh-lead', mrn: 'm', labResults: results }];
    const ids = (query: Record<string, unknown>) => observationSearchBundle(answer(records), search(query), base, pages).entry!.map((e) => e.resource!.id!.split('.').pop());
    expect(ids({ date: 'ge2026-02' })).toEqual(['mar', 'feb']);
    expect(ids({ date: 'gt2026-02' })).toEqual(['mar']);
    expect(ids({ date: ['ge2026-01-15', 'lt2026-03-01'] })).toEqual(['feb', 'jan']);
    expect(ids({ date: '2026-02-15' })).toEqual(['feb']);
    expect(ids({ date: 'le2026-01-15T08:00:00Z' })).toEqual(['jan']);
    expect(ids({ code: '718-7,2823-3' })).toEqual(['mar', 'feb', 'jan']);
    expect(ids({ code: ['718-7', 'http://loinc.org|718-7'] })).toEqual(['mar', 'jan']);
    expect(ids({ code: ['718-7', '2823-3'] })).toEqual([]);
    expect(ids({ category: 'laboratory' })).toEqual(['mar', 'feb', 'jan']);
    expect(ids({ category: 'http://terminology.hl7.org/CodeSystem/observation-category|vital-signs' })).toEqual([]);
  });

  it('a member that is down becomes an OperationOutcome entry, the rest is answered', () => {
    const bundle = observationSearchBundle(
      answer(
        [
          { hospitalId: 'dh-lead', mrn: 'm', labResults: [result] },
          { hospitalId: 'dh-chc-hill', mrn: 'n', labResults: null },
        ],
        [{ message: 'Hospital dh-chc-hill is unavailable.', path: ['patient', 'records', 1, 'labResults'], extensions: { code: 'MEMBER_UNAVAILABLE', hospitalId: 'dh-chc-hill' } }],
      ),
      search(),
      base,
      pages,
    );
    expect(bundle.total).toBe(1);
    const outcome = bundle.entry!.find((e) => e.search?.mode === 'outcome')!.resource as any;
    expect(outcome.issue).toEqual([expect.objectContaining({ severity: 'warning', code: 'incomplete', details: expect.objectContaining({ text: 'dh-chc-hill' }) })]);
    expect(bundleProblems(bundle)).toEqual([]);
  });

  it('takes the results of a member at an older contract whole, without the elements it never kept, and reports nothing missing', () => {
    const outdated = { ...result, hospitalId: 'dh-chc-hill', identifiers: null, code: null, performers: null, referenceRanges: null, method: null, notes: null, fhirStatus: null };
    const bundle = observationSearchBundle(
      answer(
        [{ hospitalId: 'dh-chc-hill', mrn: 'n', labResults: [outdated] }],
        [
          {
            message: 'dh-chc-hill serves contract 1.1',
            path: ['patient', 'records', 0, 'labResults', 0, 'code'],
            extensions: { code: 'MEMBER_OUTDATED', hospitalId: 'dh-chc-hill', field: 'LabResult.code' },
          },
        ],
      ),
      search(),
      base,
      pages,
    );
    expect(bundle.entry!.map((e) => e.search?.mode)).toEqual(['match']);
    const o = bundle.entry![0].resource as any;
    expect(o.code).toEqual({ coding: [{ system: 'http://loinc.org', code: '2823-3', display: '钾 Potassium' }], text: '钾 Potassium' });
    expect(o.referenceRange).toHaveLength(1);
    expect(bundleProblems(bundle)).toEqual([]);
  });

  it('says when a chart filled its page', () => {
    const bundle = observationSearchBundle(answer([{ hospitalId: 'dh-lead', mrn: 'm', labResults: [result] }]), search(), base, pages, 1);
    expect((bundle.entry!.find((e) => e.search?.mode === 'outcome')!.resource as any).issue[0].diagnostics).toContain('newest 1 results');
  });

  it.each([
    ['no such person', { data: { hospitals: [], patient: null } }, 404],
    ['refused', { data: { hospitals: [], patient: null }, errors: [{ message: 'no', path: ['patient'], extensions: { code: 'FORBIDDEN' } }] }, 403],
    ['no token', { errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }, 401],
    ['bad input', { errors: [{ message: 'no', extensions: { code: 'BAD_USER_INPUT' } }] }, 400],
    ['too complex', { errors: [{ message: 'no', extensions: { code: 'QUERY_TOO_COMPLEX' } }] }, 400],
  ])('%s → HTTP %d with an OperationOutcome', (_name, body, status) => {
    let thrown: any;
    try {
      observationSearchBundle(body, search(), base, pages);
    } catch (error) {
      thrown = error;
    }
    expect(thrown?.status).toBe(status);
    expect(thrown.outcome.resourceType).toBe('OperationOutcome');
  });
});

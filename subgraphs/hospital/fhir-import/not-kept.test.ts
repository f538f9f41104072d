import { planImport } from './plan-import';

const H = 'dh-partner-z';
const ucum = (value: number, unit = 'mmol/L') => ({ value, unit, system: 'http://unitsofmeasure.org', code: unit });
const patient = (extra: Record<string, unknown> = {}) => ({
  fullUrl: 'urn:uuid:p1',
  resource: {
    resourceType: 'Patient',
    id: 'p1',
    identifier: [{ system: `urn:medalliance:hospital:${H}:mrn`, value: 'Z-1' }],
    name: [{ text: '王芳' }],
    birthDate: '1960-02-03',
    ...extra,
  },
});
const observation = (extra: Record<string, unknown> = {}) => ({
  resource: {
    resourceType: 'Observation',
    id: 'o1',
    identifier: [{ system: `urn:medalliance:hospital:${H}:lab-result`, value: 'lr-1' }],
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '2823-3' }] },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2026-03-01T01:30:00.000Z',
    valueQuantity: ucum(4.1),
    referenceRange: [{ low: ucum(3.5), high: ucum(5.3) }],
    ...extra,
  },
});
const notKept = (...entries: unknown[]) => planImport({ resourceType: 'Bundle', type: 'collection', entry: entries }, { hospitalId: H }).notKept;
const elementsOf = (...entries: unknown[]) => notKept(...entries).flatMap((n) => n.elements);

const NI = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI' }] };

describe('what an import does not keep, said precisely (paths, never values)', () => {
  it('names nothing when everything is kept', () => expect(notKept(patient(), observation())).toEqual([]));

  it.each([
    ['a method and a note', { method: { coding: [{ system: 'http://snomed.info/sct', code: '702659008' }], text: 'ISE' }, note: [{ text: '溶血', time: '2026-03-01T02:00:00Z' }] }],
    [
      'two reference ranges with type and population',
      {
        referenceRange: [
          { low: ucum(3.5), high: ucum(5.3), type: { text: 'normal' } },
          { low: ucum(3.0), appliesTo: [{ text: 'neonate' }] },
        ],
      },
    ],
    [
      'the source display and text of the code, and a local coding',
      {
        code: {
          text: 'K+',
          coding: [
            { system: 'http://loinc.org', code: '2823-3', display: 'Potassium' },
            { system: 'urn:lis', code: 'K' },
          ],
        },
      },
    ],
    ['the source identifier', { identifier: [{ use: 'official', system: 'urn:oid:1.2.3', value: 'LIS-77' }] }],
    ['a corrected status', { status: 'corrected' }],
    [
      'an interpretation as this API writes it',
      { interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'N', display: 'Normal' }] }] },
    ],
    ['a performing lab that is not a member', { performer: [{ display: 'Central Lab', identifier: { system: 'urn:oid:1.2.156', value: 'LAB-9' } }] }],
    [
      'a performing lab contained in the Observation',
      { contained: [{ resourceType: 'Organization', id: 'lab', name: 'Central Lab', identifier: [{ system: 'urn:oid:1.2', value: 'L' }] }], performer: [{ reference: '#lab' }] },
    ],
  ])('an Observation with %s: all kept', (_name, extra) => {
    expect(notKept(patient(), observation(extra))).toEqual([]);
  });

  it.each([
    ['an age range', { referenceRange: [{ low: ucum(3.5), age: { low: { value: 18 } } }] }, ['referenceRange[0].age']],
    [
      'an identifier period and assigner',
      { identifier: [{ system: 'urn:oid:1.2.3', value: 'LIS-77', period: {}, assigner: { display: 'LIS' } }] },
      ['identifier[0].period', 'identifier[0].assigner'],
    ],
    ['a note by reference', { note: [{ authorReference: { reference: 'Practitioner/1' }, text: 'x' }] }, ['note[0].authorReference']],
    ['a coding version', { code: { coding: [{ system: 'http://loinc.org', code: '2823-3', version: '2.77' }] } }, ['code.coding[0].version']],
    ['a contained resource no performer names', { contained: [{ resourceType: 'Practitioner', id: 'pr' }] }, ['contained[0] (only an Organization a performer points to is kept)']],
    ['a comparator', { valueQuantity: { ...ucum(4.1), comparator: '<' } }, ['valueQuantity.comparator']],
    [
      'an interpretation text',
      { interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'N' }], text: 'ok' }] },
      ['interpretation[0].text'],
    ],
    [
      'extensions and an end time',
      { extension: [], _status: {}, effectivePeriod: { start: '2026-03-01T01:30:00Z', end: '2026-03-01T02:30:00Z' } },
      ['extension', '_status', 'effectivePeriod.end'],
    ],
  ])('an Observation with %s', (_name, extra, expected) => {
    expect(notKept(patient(), observation(extra))).toEqual([{ entry: 1, resourceType: 'Observation', id: 'o1', elements: expected }]);
  });

  it.each([
    [
      'telecom and address',
      { telecom: [{ system: 'phone', value: '13800000000', use: 'mobile', rank: 1 }], address: [{ line: ['x'], city: '武汉', district: '洪山区', postalCode: '430000' }] },
    ],
    [
      'several names, structured',
      {
        name: [
          { use: 'official', family: '王', given: ['芳'] },
          { use: 'nickname', text: 'Fang Wang', prefix: ['Ms'] },
        ],
      },
    ],
    [
      'the national id and another identifier',
      {
        identifier: [
          { system: `urn:medalliance:hospital:${H}:mrn`, value: 'Z-1' },
          { type: NI, system: 'urn:oid:2.16.156.10011.1.1', value: '11010519491231002X' },
          { system: 'urn:oid:9.9', value: 'INS-1' },
        ],
      },
    ],
  ])('a Patient with %s: all kept', (_name, extra) => {
    expect(elementsOf(patient(extra))).toEqual([]);
  });

  it.each([
    [
      'periods',
      { name: [{ text: '王芳', period: {} }], telecom: [{ value: 'x', period: {} }], address: [{ text: 'x', period: {} }] },
      ['name[0].period', 'telecom[0].period', 'address[0].period'],
    ],
    ['a name that is not an object, and contacts', { name: ['王芳'], contact: [{ name: { text: 'Fang Li' } }] }, ['contact', 'name[0] (not an object)']],
    [
      'an identifier assigner',
      {
        identifier: [
          { system: `urn:medalliance:hospital:${H}:mrn`, value: 'Z-1' },
          { system: 'urn:oid:9.9', value: 'INS-1', assigner: { display: 'X' } },
        ],
      },
      ['identifier[1].assigner'],
    ],
  ])('a Patient with %s', (_name, extra, expected) => {
    expect(elementsOf(patient(extra))).toEqual(expected);
    // values never appear in the report
    expect(JSON.stringify(notKept(patient(extra)))).not.toMatch(/INS-1|Fang|王|"x"/);
  });

  it('keeps what the source said beside the fields of the contract', () => {
    const plan = planImport(
      {
        resourceType: 'Bundle',
        entry: [
          patient({
            identifier: [
              { system: `urn:medalliance:hospital:${H}:mrn`, value: 'Z-1' },
              { type: NI, system: 'urn:oid:2.16.156.10011.1.1', value: '11010519491231002x' },
            ],
          }),
          observation({
            status: 'corrected',
            identifier: [{ system: 'urn:oid:1.2.3', value: 'LIS-77' }],
            code: { coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'K' }], text: 'potassium' },
            referenceRange: [
              { low: ucum(3.5), high: ucum(5.3) },
              { high: ucum(6), type: { text: 'critical' } },
            ],
          }),
        ],
      },
      { hospitalId: H },
    );
    expect(plan.charts[0]).toMatchObject({
      nationalId: '11010519491231002X',
      identifiers: [{ use: null, type: NI, system: 'urn:oid:2.16.156.10011.1.1', value: '11010519491231002x' }],
    });
    // the catalogue's name stays a field of its own
    expect(plan.results[0].name).not.toBe('potassium');
    expect(plan.results[0]).toMatchObject({
      id: 'fhir-o1',
      status: 'AMENDED',
      fhirStatus: 'corrected',
      sourceIdentifiers: [{ use: null, type: null, system: 'urn:oid:1.2.3', value: 'LIS-77' }],
      sourceCode: { coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'K' }], text: 'potassium' },
      refLow: 3.5,
      refHigh: 5.3,
      referenceRanges: [
        {
          low: { value: 3.5, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
          high: { value: 5.3, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
          type: null,
          appliesTo: [],
          text: null,
        },
        { low: null, high: { value: 6, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' }, type: { coding: [], text: 'critical' }, appliesTo: [], text: null },
      ],
    });
  });
});

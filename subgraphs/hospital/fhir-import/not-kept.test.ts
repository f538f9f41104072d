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

describe('what an import does not keep, said precisely (paths, never values)', () => {
  it('names nothing when everything is kept', () => expect(notKept(patient(), observation())).toEqual([]));

  it.each([
    ['a method and a note', { method: { text: 'ISE' }, note: [{ text: '溶血' }] }, ['method', 'note']],
    [
      'a second reference range and the range type',
      { referenceRange: [{ low: ucum(3.5), high: ucum(5.3), type: { text: 'normal' } }, { low: ucum(3.0) }] },
      ['referenceRange[0].type', 'referenceRange[1] (only the first range is kept)'],
    ],
    [
      'the source display of the code',
      { code: { text: 'K+', coding: [{ system: 'http://loinc.org', code: '2823-3', display: 'Potassium' }] } },
      ["code.text (the catalogue's name is shown)", "code.coding[0].display (the catalogue's name is shown)"],
    ],
    ['the source identifier', { identifier: [{ system: 'urn:oid:1.2.3', value: 'LIS-77' }] }, ['identifier[0] (the result id here is fhir-<Observation.id>)']],
    ['a corrected status', { status: 'corrected' }, ['status (corrected is kept as amended)']],
    ['a performing lab that is not a member', { performer: [{ display: 'Central Lab' }] }, ['performer[0] (the performer is recorded as this hospital)']],
  ])('an Observation with %s', (_name, extra, expected) => {
    expect(notKept(patient(), observation(extra))).toEqual([{ entry: 1, resourceType: 'Observation', id: 'o1', elements: expected }]);
  });

  it('keeps a corrected result as amended', () => {
    const plan = planImport({ resourceType: 'Bundle', entry: [patient(), observation({ status: 'corrected' })] }, { hospitalId: H });
    expect(plan.results.map((r) => r.status)).toEqual(['AMENDED']);
  });

  it.each([
    ['telecom and address', { telecom: [{ system: 'phone', value: 'x' }], address: [{ text: 'x' }] }, ['telecom', 'address']],
    [
      'a second name and a structured one',
      { name: [{ use: 'official', family: '王', given: ['芳'] }, { text: 'Fang Wang' }] },
      ['name[0].family, name[0].given (the name is kept as one text)', 'name[1] (one name is kept)'],
    ],
    [
      'the national id and another identifier',
      {
        identifier: [
          { system: `urn:medalliance:hospital:${H}:mrn`, value: 'Z-1' },
          { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NI' }] }, value: '11010519491231002X' },
          { system: 'urn:oid:9.9', value: 'INS-1' },
        ],
      },
      ["identifier[1] (the national id links the chart in the alliance's index; it is not stored with the chart)", 'identifier[2]'],
    ],
  ])('a Patient with %s', (_name, extra, expected) => {
    expect(elementsOf(patient(extra))).toEqual(expected);
    // values never appear in the report
    expect(JSON.stringify(notKept(patient(extra)))).not.toMatch(/11010519491231002X|INS-1|Fang|王/);
  });
});

import { r4Problems } from './support/r4-validator';

/** The validator the FHIR tests rely on catches what an R4 validator would. */
describe('R4 validation of answers', () => {
  const observation = {
    resourceType: 'Observation',
    id: 'MPI-000001.dh-lead.3016-3.lr-1',
    status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
    code: { coding: [{ system: 'http://loinc.org', code: '3016-3', display: 'TSH' }] },
    subject: { reference: 'Patient/MPI-000001' },
    effectiveDateTime: '2026-12-01T08:00:00.000Z',
    valueQuantity: { value: 2.1, unit: 'm[IU]/L', system: 'http://unitsofmeasure.org', code: 'm[IU]/L' },
  };

  it('accepts a valid Observation', () => expect(r4Problems(observation)).toEqual([]));

  it.each([
    ['a unit that is not UCUM', { valueQuantity: { value: 2.1, unit: 'mIU/L', system: 'http://unitsofmeasure.org', code: 'mIU/L' } }, /not UCUM/],
    ['an element R4 does not define', { colour: 'red' }, /additional property/i],
    ['a status outside the value set', { status: 'done' }, /status/],
    ['a value of the wrong type', { valueQuantity: { value: 'high', unit: 'm[IU]/L', system: 'http://unitsofmeasure.org', code: 'm[IU]/L' } }, /type|decimal/i],
  ])('reports %s', (_name, change, problem) => {
    const problems = r4Problems({ ...observation, ...change });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(problem);
  });
});

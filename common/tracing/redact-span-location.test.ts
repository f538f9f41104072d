import { redactedTarget } from './redact-span-location';

describe('redactedTarget: what an HTTP span may say about where a request went', () => {
  it.each([
    ['/graphql?query=%7B%20patient%20%7D&variables=%7B%7D', '/graphql'],
    ['/fhir/r4/Patient/MPI-000001', '/fhir/r4/Patient/{id}'],
    ['/fhir/r4/Observation?patient=MPI-000001&code=718-7', '/fhir/r4/Observation'],
    ['/readyz', '/readyz'],
    [undefined, '/'],
  ])('%s → %s', (url, expected) => {
    expect(redactedTarget(url)).toBe(expected);
  });
});

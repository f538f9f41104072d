import { Client } from 'fhir-kit-client';
import { startRealAlliance, type RealAlliance } from '../gateway/support/real-alliance';
import { r4Problems } from './support/r4-validator';

/**
 * The FHIR R4 read API as a real client library uses it (fhir-kit-client), on the real
 * stack: capability discovery, reads, searches page by page through the links, conditional
 * reads; every answer validated against the R4 definitions and UCUM.
 */
let stack: RealAlliance;
let token: string;
let client: Client;
const FHIR = () => `${stack.base}/fhir/r4`;

type Resource = Record<string, any>;
const checked: string[] = [];

/** Every answer the tests read goes through here: it must be valid R4. */
function valid(resource: unknown): Resource {
  const r = resource as Resource;
  expect({ type: r.resourceType, problems: r4Problems(r) }).toEqual({ type: r.resourceType, problems: [] });
  checked.push(String(r.resourceType));
  return r;
}

beforeAll(async () => {
  stack = await startRealAlliance({ running: ['dh-lead', 'dh-district', 'dh-chc-lakeside'] });
  token = (await stack.headers('clinician', 'dh-lead')).authorization.replace(/^Bearer /, '');
  client = new Client({ baseUrl: FHIR(), bearerToken: token, customHeaders: { 'X-Purpose-Of-Use': 'TREATMENT' } });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('FHIR R4 through fhir-kit-client', () => {
  it('discovers the server: CapabilityStatement with Patient and Observation read and search', async () => {
    const capability = valid(await client.capabilityStatement());
    expect(capability.fhirVersion).toBe('4.0.1');
    const resources = capability.rest[0].resource.map((r: Resource) => [r.type, r.interaction.map((i: Resource) => i.code).sort()]);
    expect(resources).toEqual([
      ['Patient', ['read', 'search-type']],
      ['Observation', ['read', 'search-type']],
    ]);
  });

  it('reads a Patient and finds the same person by a chart number', async () => {
    const patient = valid(await client.read({ resourceType: 'Patient', id: 'MPI-000001' }));
    const chart = patient.identifier.find((i: Resource) => /:mrn$/.test(i.system));
    const found = valid(await client.search({ resourceType: 'Patient', searchParams: { identifier: `${chart.system}|${chart.value}` } }));
    expect(found.total).toBe(1);
    expect(found.entry[0].resource.id).toBe('MPI-000001');
    const none = valid(await client.search({ resourceType: 'Patient', searchParams: { identifier: `${chart.system}|NO-SUCH-CHART` } }));
    expect(none.total).toBe(0);
  });

  it('pages through a search with _count by following next links, and the pages add up to the total', async () => {
    const first = valid(await client.search({ resourceType: 'Observation', searchParams: { patient: 'MPI-000001', _count: 5 } }));
    const total = first.total as number;
    expect(total).toBeGreaterThan(5);
    const ids: string[] = [];
    let page: Resource | undefined = first;
    while (page) {
      ids.push(...(page.entry ?? []).filter((e: Resource) => e.search.mode === 'match').map((e: Resource) => e.resource.id as string));
      const next: Promise<unknown> | undefined = client.nextPage({ bundle: page as any });
      page = next ? valid(await next) : undefined;
    }
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    // and back: the second page has a previous link leading to the first
    const second = valid(await client.nextPage({ bundle: first as any })!);
    const previous = valid(await client.prevPage({ bundle: second as any })!);
    expect(previous.entry.map((e: Resource) => e.resource.id)).toEqual(first.entry.map((e: Resource) => e.resource.id));
  });

  it('searches by date, category, code lists and sort, and reads each found Observation by its id', async () => {
    const all = valid(await client.search({ resourceType: 'Observation', searchParams: { patient: 'MPI-000001', _count: 100 } }));
    const observations = all.entry.filter((e: Resource) => e.search.mode === 'match').map((e: Resource) => e.resource);
    const times = observations.map((o: Resource) => o.effectiveDateTime as string);
    const middle = [...times].sort()[Math.floor(times.length / 2)];
    const since = valid(await client.search({ resourceType: 'Observation', searchParams: { patient: 'MPI-000001', date: `ge${middle}`, _count: 100 } }));
    expect(since.total).toBe(times.filter((t: string) => t >= middle).length);
    const oldestFirst = valid(await client.search({ resourceType: 'Observation', searchParams: { patient: 'MPI-000001', _sort: 'date', _count: 100 } }));
    const ascending = oldestFirst.entry.filter((e: Resource) => e.search.mode === 'match').map((e: Resource) => e.resource.effectiveDateTime);
    expect(ascending).toEqual([...ascending].sort());
    const code = observations[0].code.coding[0].code as string;
    const byCode = valid(
      await client.search({ resourceType: 'Observation', searchParams: { patient: 'MPI-000001', code: `http://loinc.org|${code},0000-0`, category: 'laboratory', _count: 100 } }),
    );
    expect(byCode.entry.filter((e: Resource) => e.search.mode === 'match').every((e: Resource) => e.resource.code.coding[0].code === code)).toBe(true);

    for (const observation of observations.slice(0, 3)) {
      const read = valid(await client.read({ resourceType: 'Observation', id: observation.id }));
      expect(read).toEqual(observation);
    }
  });

  it('answers a conditional read with 304 while nothing changed', async () => {
    const url = `${FHIR()}/Observation?patient=MPI-000001&_count=3`;
    const headers = { authorization: `Bearer ${token}`, 'x-purpose-of-use': 'TREATMENT' };
    const first = await fetch(url, { headers });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    expect(first.headers.get('last-modified')).toBeTruthy();
    const again = await fetch(url, { headers: { ...headers, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('checks authentication first, says how to authenticate, and refuses XML with 406', async () => {
    const anonymous = await fetch(`${FHIR()}/Observation?bogus=1`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);
    valid(await anonymous.json());
    const xml = await fetch(`${FHIR()}/Patient/MPI-000001`, { headers: { authorization: `Bearer ${token}`, 'x-purpose-of-use': 'TREATMENT', accept: 'application/fhir+xml' } });
    expect(xml.status).toBe(406);
    valid(await xml.json());
    // the CapabilityStatement is public, as clients discover servers before they log in
    expect((await fetch(`${FHIR()}/metadata`)).status).toBe(200);
  });

  it('validated every kind of answer it read', () => {
    expect(new Set(checked)).toEqual(new Set(['CapabilityStatement', 'Patient', 'Bundle', 'Observation', 'OperationOutcome']));
  });
});

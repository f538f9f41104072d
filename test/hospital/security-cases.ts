import { SignJWT } from 'jose';
import { GATEWAY_ISSUER, GATEWAY_KEY_NAME } from '../../common/auth/gateway-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import type { Caller } from '../../common/auth/caller';
import { postGraphQL } from '../support/graphql-client';
import { CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { errorCodes, post, queryOk } from './graphql-expect';
import { auditRowOf, freeSlot, requestAs } from './security-support';
import { mrnsAt, type SuiteContext } from './suite-context';

const ROLES: Record<string, Caller> = {
  clinician: CALLERS.clinician('dh-lead'),
  'clinician without purpose': { ...CALLERS.clinician('dh-lead'), purpose: undefined },
  analyst: CALLERS.analyst(),
  dashboard: CALLERS.dashboard(),
  admin: CALLERS.admin(),
  service: CALLERS.service(),
};

const ROLE_CHECK = `query RoleCheck($r: [_Any!]!) { _entities(representations: $r) { __typename
  ... on PatientRecord { mrn name labResults(first: 1) { id valueQuantity } }
  ... on LabResult { id valueQuantity }
  ... on Hospital { id bedSummary { total } departments(specialty: "cardiology") { id } }
  ... on ResourceBooking { id status patient { mrn } } } }`;

const BOOK = 'mutation Book($input: BookResourceInput!) { bookResource(input: $input) { id status } }';
const CANCEL = 'mutation Cancel($b: ID!) { cancelBooking(hospitalId: "dh-lead", bookingId: $b) { id status } }';

const forbiddenPaths = (errors: { path?: (string | number)[]; extensions?: Record<string, any> }[] = []) =>
  errors.map((e) => `${e.extensions?.code} ${(e.path ?? []).join('.')}`).sort();

export function registerSecurityCases({ hospital, test }: SuiteContext, patients: number): void {
  const clinician = () => hospital().as(ROLES.clinician);

  test('without the gateway token for this member: 401 UNAUTHENTICATED before any GraphQL work', async () => {
    const { url, dataDir } = hospital();
    const [mrn] = mrnsAt('dh-lead', patients);
    const entities = {
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { name } } }',
      variables: { r: [{ __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn }] },
    };
    const key = await loadOrCreateSigningKey(dataDir, GATEWAY_KEY_NAME);
    const expired = await new SignJWT({ role: 'clinician', hospitalId: 'dh-lead', purpose: 'TREATMENT' })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setSubject('dr-late')
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(hospitalAudience('dh-lead'))
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 300)
      .sign(key.privateKey);
    const otherMember = await gatewayHeaders(ROLES.clinician, { dataDir, audience: hospitalAudience('dh-district') }, entities);
    const used = await gatewayHeaders(ROLES.clinician, { dataDir, audience: hospitalAudience('dh-lead') }, entities);
    expect((await postGraphQL(url, entities.query, entities.variables, used)).status).toBe(200);
    const forOtherVariables = await gatewayHeaders(ROLES.clinician, { dataDir, audience: hospitalAudience('dh-lead') }, { ...entities, variables: { r: [] } });
    const cases: [string, string, Record<string, unknown> | undefined, Record<string, string>][] = [
      ['no token, directory', '{ departments { id } }', undefined, {}],
      ['no token, _service', '{ _service { sdl } }', undefined, {}],
      ['no token, _entities', entities.query, entities.variables, {}],
      ["another member's token", entities.query, entities.variables, otherMember],
      ['expired token', entities.query, entities.variables, { authorization: `Bearer ${expired}` }],
      ['a token already used (replay)', entities.query, entities.variables, used],
      ['a token signed for other variables', entities.query, entities.variables, forOtherVariables],
      ['not a bearer token', '{ _service { sdl } }', undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ];
    for (const [label, query, variables, headers] of cases) {
      const response = await postGraphQL(url, query, variables, headers);
      expect({ label, status: response.status, codes: errorCodes(response), data: response.body.data }).toEqual({
        label,
        status: 401,
        codes: ['UNAUTHENTICATED'],
        data: undefined,
      });
    }
    const sdl = await queryOk(hospital().as(ROLES.service), '{ _service { sdl } }');
    expect(sdl._service.sdl).toContain('type PatientRecord');
  });

  test('every role against PHI: FORBIDDEN on the PHI paths, the rest answered, denials audited', async () => {
    const [mrn] = mrnsAt('dh-lead', patients);
    const chart = await queryOk(
      clinician(),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { name labResults(first: 1) { id valueQuantity } } } }',
      { r: [{ __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn }] },
    );
    const {
      name,
      labResults: [result],
    } = chart._entities[0];
    const slot = await freeSlot(clinician(), 'res-ct-2', 'last');
    const booking = await queryOk(clinician(), BOOK, {
      input: {
        hospitalId: 'dh-lead',
        resourceId: 'res-ct-2',
        slotStart: slot,
        requestingHospitalId: 'dh-lead',
        patient: { hospitalId: 'dh-lead', mrn },
        idempotencyKey: `role-check-${Date.now()}`,
      },
    });
    const representations = [
      { __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn },
      { __typename: 'LabResult', hospitalId: 'dh-lead', id: result.id },
      { __typename: 'Hospital', id: 'dh-lead' },
      { __typename: 'ResourceBooking', hospitalId: 'dh-lead', id: booking.bookResource.id },
    ];
    const phi = ['FORBIDDEN _entities.0', 'FORBIDDEN _entities.1'];
    const expected: Record<string, string[]> = {
      clinician: [],
      'clinician without purpose': [...phi, 'FORBIDDEN _entities.3.patient'],
      analyst: [...phi, 'FORBIDDEN _entities.3'],
      dashboard: [...phi, 'FORBIDDEN _entities.3.patient'],
      admin: [...phi, 'FORBIDDEN _entities.3'],
      service: [...phi, 'FORBIDDEN _entities.3'],
    };
    for (const [role, caller] of Object.entries(ROLES)) {
      const { response, requestId } = await requestAs(hospital().as(caller), ROLE_CHECK, { r: representations });
      const found = response.body.data?._entities;
      expect({ role, errors: forbiddenPaths(response.body.errors) }).toEqual({ role, errors: expected[role] });
      expect({ role, hospital: found[2] }).toEqual({
        role,
        hospital: { __typename: 'Hospital', id: 'dh-lead', bedSummary: { total: expect.any(Number) }, departments: [{ id: 'dep-cardiology' }] },
      });
      const row = await auditRowOf(hospital(), requestId);
      // no cache on the way may keep an answer (PHI or its refusal)
      expect(response.headers.get('cache-control')).toBe('no-store');
      if (role === 'clinician') {
        expect(found[0]).toMatchObject({ mrn, name });
        expect(found[3].patient).toEqual({ mrn });
        expect(row).toMatchObject({
          role: 'clinician',
          purpose: 'TREATMENT',
          action: 'READ',
          outcome: 'OK',
          operationName: 'RoleCheck',
          servedBy: 'dh-lead',
          patientRefs: JSON.stringify([`dh-lead:${mrn}`]),
        });
        // references only: never a name or a result value
        expect(JSON.stringify(row)).not.toContain(name);
        expect(JSON.stringify(row)).not.toContain(String(result.valueQuantity));
      } else {
        expect(found[0]).toBeNull();
        expect(found[1]).toBeNull();
        // a refusal names the patient asked for (the chart, and the chart of the result)
        expect({ role, row }).toMatchObject({ role, row: { role: caller.role, action: 'READ', outcome: 'DENIED', patientRefs: JSON.stringify([`dh-lead:${mrn}`]) } });
      }
    }
  });

  test('clinicians of a suspended, departed or unknown hospital read nothing, each refusal audited with the patient asked for', async () => {
    const [mrn] = mrnsAt('dh-lead', patients);
    const representations = [
      { __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn },
      { __typename: 'Hospital', id: 'dh-lead' },
    ];
    const outsiders: [string, Caller][] = [
      ['SUSPENDED', { ...CALLERS.clinician('dh-chc-hill'), memberStatus: 'SUSPENDED' }],
      ['LEFT', { ...CALLERS.clinician('dh-chc-hill'), memberStatus: 'LEFT' }],
      ['UNKNOWN (dh-nowhere)', { ...CALLERS.clinician('dh-nowhere'), memberStatus: 'UNKNOWN' }],
      ['not stated by the gateway', { ...CALLERS.clinician('dh-chc-hill'), memberStatus: undefined }],
    ];
    for (const [label, caller] of outsiders) {
      const entities = await requestAs(
        hospital().as(caller),
        'query Outsider($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { name labResults { id } } ... on Hospital { bedSummary { total } } } }',
        { r: representations },
      );
      expect({ label, data: entities.response.body.data, errors: forbiddenPaths(entities.response.body.errors) }).toEqual({
        label,
        data: { _entities: [null, null] },
        errors: ['FORBIDDEN _entities.0', 'FORBIDDEN _entities.1'],
      });
      expect({ label, row: await auditRowOf(hospital(), entities.requestId) }).toMatchObject({
        label,
        row: { action: 'READ', outcome: 'DENIED', patientRefs: JSON.stringify([`dh-lead:${mrn}`]) },
      });
      const lists = await requestAs(hospital().as(caller), '{ labSummary(loinc: "4548-4") { count } sharedResources { id } departments { id } }');
      expect({ label, data: lists.response.body.data }).toEqual({ label, data: { labSummary: [], sharedResources: [], departments: [] } });
      expect(forbiddenPaths(lists.response.body.errors)).toEqual(['FORBIDDEN departments', 'FORBIDDEN labSummary', 'FORBIDDEN sharedResources']);
    }
  });

  test('root fields by role: labSummary for analysts and clinicians, resources for clinicians and dashboards', async () => {
    const allowed = async (caller: Caller, query: string) => {
      const response = await post(hospital().as(caller), query);
      return response.body.errors ? errorCodes(response).join(',') : 'OK';
    };
    const table: [string, string, string, string][] = [
      // role, directory, labSummary, sharedResources
      ['clinician', 'OK', 'OK', 'OK'],
      ['clinician without purpose', 'OK', 'OK', 'OK'],
      ['analyst', 'OK', 'OK', 'FORBIDDEN'],
      ['dashboard', 'OK', 'FORBIDDEN', 'OK'],
      ['admin', 'OK', 'FORBIDDEN', 'FORBIDDEN'],
      ['service', 'OK', 'FORBIDDEN', 'FORBIDDEN'],
    ];
    for (const [role, directory, labSummary, resources] of table) {
      const caller = ROLES[role];
      const actual = [
        await allowed(caller, '{ departments { id head { name } } staffDirectory(first: 2) { id } }'),
        await allowed(caller, '{ labSummary(loinc: "2823-3") { count mean } }'),
        await allowed(caller, '{ sharedResources { id availableSlots(days: 1, first: 1) { start } } }'),
      ];
      expect({ role, actual }).toEqual({ role, actual: [directory, labSummary, resources] });
    }
    // a refused root list is empty with FORBIDDEN on its path; it does not null the fields the caller may read
    const mixed = await post(hospital().as(ROLES.analyst), '{ departments { id } resources: sharedResources { id } }');
    expect(mixed.body.data.departments.length).toBeGreaterThan(0);
    expect(mixed.body.data.resources).toEqual([]);
    expect(mixed.body.errors).toEqual([{ message: expect.any(String), path: ['resources'], extensions: { code: 'FORBIDDEN' } }]);
    const { response, requestId } = await requestAs(hospital().as(ROLES.analyst), '{ departments { id } labSummary(loinc: "2823-3") { count } }');
    expect(response.body.errors).toBeUndefined();
    // nothing about a patient was read or refused: no audit row
    expect(await auditRowOf(hospital(), requestId)).toBeNull();
  });

  test('writes: clinicians book for their own hospital only, cancel as requester or holder; each attempt audited', async () => {
    // the patient's chart at the hospital that holds the resource, found through the master index
    const [hillMrn] = mrnsAt('dh-lead', patients);
    const hill = hospital().as(CALLERS.clinician('dh-chc-hill'));
    const slot = await freeSlot(clinician(), 'res-ultrasound-1', 'first');
    const input = (extra: Record<string, unknown>) => ({
      hospitalId: 'dh-lead',
      resourceId: 'res-ultrasound-1',
      slotStart: slot,
      requestingHospitalId: 'dh-chc-hill',
      idempotencyKey: `write-${Date.now()}-${Math.random()}`,
      ...extra,
    });

    const refused: [string, Caller, Record<string, unknown>][] = [
      ['for another hospital', CALLERS.clinician('dh-lead'), {}],
      ['by a dashboard', { ...CALLERS.dashboard(), hospitalId: 'dh-chc-hill' }, {}],
      ['by an analyst', { ...CALLERS.analyst(), hospitalId: 'dh-chc-hill' }, {}],
      ['for a patient without purpose', { ...CALLERS.clinician('dh-chc-hill'), purpose: undefined }, { patient: { hospitalId: 'dh-lead', mrn: hillMrn } }],
      ['by a clinician of a SUSPENDED member', { ...CALLERS.clinician('dh-chc-hill'), memberStatus: 'SUSPENDED' }, { patient: { hospitalId: 'dh-lead', mrn: hillMrn } }],
      ['by a clinician of an unknown hospital', { ...CALLERS.clinician('dh-nowhere'), memberStatus: 'UNKNOWN' }, { requestingHospitalId: 'dh-nowhere' }],
    ];
    for (const [label, caller, extra] of refused) {
      const { response, requestId } = await requestAs(hospital().as(caller), BOOK, { input: input(extra) });
      expect({ label, codes: errorCodes(response) }).toEqual({ label, codes: ['FORBIDDEN'] });
      expect({ label, row: await auditRowOf(hospital(), requestId) }).toMatchObject({ label, row: { action: 'WRITE', outcome: 'DENIED', operationName: 'Book' } });
    }
    const badCharts: [string, Record<string, unknown>, string][] = [
      ['a chart number that does not exist', { patient: { hospitalId: 'dh-lead', mrn: 'NO-SUCH-MRN' } }, 'NOT_FOUND'],
      ['a chart at another member, not checkable here', { patient: { hospitalId: 'dh-chc-hill', mrn: hillMrn } }, 'BAD_USER_INPUT'],
    ];
    for (const [label, extra, code] of badCharts) {
      const { response } = await requestAs(hill, BOOK, { input: input(extra) });
      expect({ label, codes: errorCodes(response) }).toEqual({ label, codes: [code] });
    }
    expect(await freeSlot(clinician(), 'res-ultrasound-1', 'first')).toBe(slot);

    const booked = await requestAs(hill, BOOK, { input: input({ patient: { hospitalId: 'dh-lead', mrn: hillMrn } }) });
    expect(booked.response.body.data.bookResource.status).toBe('BOOKED');
    expect(await auditRowOf(hospital(), booked.requestId)).toMatchObject({
      action: 'WRITE',
      outcome: 'OK',
      role: 'clinician',
      callerHospitalId: 'dh-chc-hill',
      patientRefs: JSON.stringify([`dh-lead:${hillMrn}`]),
    });
    const id = booked.response.body.data.bookResource.id;

    const third = await requestAs(hospital().as(CALLERS.clinician('dh-chc-lakeside')), CANCEL, { b: id });
    expect(errorCodes(third.response)).toEqual(['FORBIDDEN']);
    expect(await auditRowOf(hospital(), third.requestId)).toMatchObject({ action: 'WRITE', outcome: 'DENIED' });
    const holder = await requestAs(clinician(), CANCEL, { b: id });
    expect(holder.response.body.data.cancelBooking).toEqual({ id, status: 'CANCELLED' });
    expect(await auditRowOf(hospital(), holder.requestId)).toMatchObject({ action: 'WRITE', outcome: 'OK', patientRefs: JSON.stringify([`dh-lead:${hillMrn}`]) });
  });
}

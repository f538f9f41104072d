import { CALLERS } from '../support/tokens';
import { errorCodes, errorCodesOf, post, queryOk } from './graphql-expect';
import { mrnsAt, type SuiteContext } from './suite-context';

const byNameThenId = (a: { name: string; id: string }, b: { name: string; id: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function registerQueryCases({ hospital, test }: SuiteContext, patients: number): void {
  const clinician = () => hospital().as(CALLERS.clinician('dh-lead'));

  test('departments: ordered by name then id, filtered by specialty, empty for other members', async () => {
    const data = await queryOk(
      clinician(),
      '{ departments { hospitalId id name specialty bedsTotal bedsOccupied head { id title } staff(first: 3) { id name department { id } } } }',
    );
    expect(data.departments.length).toBeGreaterThan(10);
    expect([...data.departments].sort(byNameThenId)).toEqual(data.departments);
    expect(data.departments.every((d: any) => d.hospitalId === 'dh-lead' && /^[a-z-]+$/.test(d.specialty))).toBe(true);
    const cardiology = data.departments.find((d: any) => d.specialty === 'cardiology');
    expect(cardiology.name).toBe('心血管内科');
    expect(cardiology.head.title).toBe('SENIOR');
    expect(cardiology.staff).toHaveLength(3);
    expect(cardiology.staff.every((s: any) => s.department.id === cardiology.id)).toBe(true);

    const filtered = await queryOk(clinician(), '{ departments(specialty: "cardiology", hospitalIds: ["dh-lead"]) { id } }');
    expect(filtered.departments).toEqual([{ id: cardiology.id }]);
    expect((await queryOk(clinician(), '{ departments(hospitalIds: ["dh-district"]) { id } }')).departments).toEqual([]);
  });

  test('staffDirectory: filter, order, first, and first over 500', async () => {
    const all = await queryOk(clinician(), '{ staffDirectory(first: 500) { id name role title specialty availableForDispatch department { name } } }');
    expect([...all.staffDirectory].sort(byNameThenId)).toEqual(all.staffDirectory);
    expect(all.staffDirectory.some((s: any) => s.department === null && s.role === 'ADMINISTRATOR')).toBe(true);
    const three = await queryOk(clinician(), '{ staffDirectory(first: 3) { id } }');
    expect(three.staffDirectory).toEqual(all.staffDirectory.slice(0, 3).map((s: any) => ({ id: s.id })));
    const dispatchable = await queryOk(clinician(), '{ staffDirectory(filter: { role: PHYSICIAN, availableForDispatch: true }) { role title availableForDispatch } }');
    expect(dispatchable.staffDirectory.length).toBeGreaterThan(0);
    expect(dispatchable.staffDirectory.every((s: any) => s.role === 'PHYSICIAN' && s.availableForDispatch && ['SENIOR', 'ASSOCIATE_SENIOR'].includes(s.title))).toBe(true);
    const surname = all.staffDirectory[0].name.slice(0, 1);
    const named = await queryOk(clinician(), 'query ($f: StaffFilter) { staffDirectory(filter: $f) { name } }', { f: { nameContains: surname } });
    expect(named.staffDirectory.length).toBeGreaterThan(0);
    expect(named.staffDirectory.every((s: any) => s.name.includes(surname))).toBe(true);
    // the filter narrows in SQL: the result equals the whole directory filtered here, and LIKE wildcards are literal
    expect(named.staffDirectory.map((s: any) => s.name)).toEqual(
      all.staffDirectory
        .filter((s: any) => s.name.includes(surname))
        .slice(0, 50)
        .map((s: any) => s.name),
    );
    for (const literal of ['%', '_', '!']) {
      expect((await queryOk(clinician(), 'query ($f: StaffFilter) { staffDirectory(filter: $f) { id } }', { f: { nameContains: literal } })).staffDirectory).toEqual([]);
    }
    expect((await queryOk(clinician(), '{ staffDirectory(hospitalIds: ["dh-chc-hill"]) { id } }')).staffDirectory).toEqual([]);
    expect(await errorCodesOf(clinician(), '{ staffDirectory(first: 501) { id } }')).toEqual(['BAD_USER_INPUT']);
  });

  test('sharedResources: kinds, availableOnly, slots; maintenance has no slots', async () => {
    const data = await queryOk(
      clinician(),
      '{ sharedResources { id kind name status sharedWithAlliance department { specialty } availableSlots(days: 2, first: 3) { start end } } }',
    );
    const kinds = data.sharedResources.map((r: any) => r.kind);
    expect(kinds).toEqual([...kinds].sort());
    expect(new Set(kinds)).toEqual(new Set(['CT', 'MRI', 'DSA', 'ULTRASOUND', 'ICU_BED', 'WARD_BED']));
    const maintenance = data.sharedResources.find((r: any) => r.status === 'MAINTENANCE');
    expect(maintenance.availableSlots).toEqual([]);
    const ct = data.sharedResources.find((r: any) => r.kind === 'CT');
    expect(ct.availableSlots.length).toBeGreaterThan(0);
    for (const slot of ct.availableSlots) expect(new Date(slot.end).getTime() - new Date(slot.start).getTime()).toBe(30 * 60_000);
    const available = await queryOk(clinician(), '{ sharedResources(availableOnly: true) { status sharedWithAlliance } }');
    expect(available.sharedResources.every((r: any) => r.status === 'AVAILABLE' && r.sharedWithAlliance)).toBe(true);
    expect((await queryOk(clinician(), '{ sharedResources(kind: MRI) { kind } }')).sharedResources.every((r: any) => r.kind === 'MRI')).toBe(true);
    expect((await queryOk(clinician(), '{ sharedResources(hospitalIds: []) { id } }')).sharedResources).toEqual([]);
    expect(await errorCodesOf(clinician(), '{ sharedResources { availableSlots(days: 40) { start } } }')).toContain('BAD_USER_INPUT');
    expect(await errorCodesOf(clinician(), '{ sharedResources { availableSlots(first: 501) { start } } }')).toContain('BAD_USER_INPUT');
  });

  test('labSummary: counts one LOINC code; malformed dates are BAD_USER_INPUT', async () => {
    const data = await queryOk(clinician(), '{ labSummary(loinc: "2823-3") { hospitalId loinc unit count abnormalCount mean min max } }');
    const [summary] = data.labSummary;
    expect(summary).toMatchObject({ hospitalId: 'dh-lead', loinc: '2823-3', unit: 'mmol/L' });
    expect(summary.count).toBeGreaterThan(0);
    expect(summary.min).toBeLessThanOrEqual(summary.mean);
    expect(summary.mean).toBeLessThanOrEqual(summary.max);
    const future = await queryOk(clinician(), '{ labSummary(loinc: "2823-3", from: "2099-01-01T00:00:00Z") { count mean } }');
    expect(future.labSummary).toEqual([{ count: 0, mean: null }]);
    expect((await queryOk(clinician(), '{ labSummary(loinc: "2823-3", hospitalIds: ["dh-district"]) { count } }')).labSummary).toEqual([]);
    expect(await errorCodesOf(clinician(), '{ labSummary(loinc: "2823-3", from: "2026-02-30T00:00:00Z") { count } }')).toEqual(['BAD_USER_INPUT']);
    expect(await errorCodesOf(clinician(), 'query ($to: DateTime) { labSummary(loinc: "2823-3", to: $to) { count } }', { to: 'yesterday' })).toEqual(['BAD_USER_INPUT']);
  });

  test('the demo patient MPI-000001 has recent FINAL results, newest first, each with its lab range', async () => {
    const [mrn] = mrnsAt('dh-lead', patients);
    const data = await queryOk(
      clinician(),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { hospitalId mrn name sex birthDate labResults { id loinc status valueQuantity interpretation referenceRange { low high text } collectedAt patient { mrn } performingDepartment { specialty } } } } }',
      {
        r: [{ __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn }],
      },
    );
    const [record] = data._entities;
    expect(record).toMatchObject({ hospitalId: 'dh-lead', mrn });
    const results = record.labResults;
    const times = results.map((r: any) => new Date(r.collectedAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const weekAgo = Date.now() - 7 * 86_400_000;
    expect(results.filter((r: any) => new Date(r.collectedAt).getTime() > weekAgo && r.status === 'FINAL').length).toBeGreaterThanOrEqual(3);
    expect(results.every((r: any) => r.patient.mrn === mrn && r.performingDepartment.specialty === 'laboratory')).toBe(true);
    const potassium = results.find((r: any) => r.loinc === '2823-3');
    expect(potassium.referenceRange).toEqual({ low: 3.5, high: 5.3, text: '3.5-5.3' });

    const filtered = await queryOk(
      clinician(),
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { labResults(loinc: ["2823-3"], status: [FINAL], since: "2000-01-01T00:00:00Z", first: 1) { loinc status } } } }',
      {
        r: [{ __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn }],
      },
    );
    expect(filtered._entities[0].labResults).toEqual([{ loinc: '2823-3', status: 'FINAL' }]);
  });

  test('_entities resolves every key type; other members and unknown ids are null', async () => {
    const [mrn] = mrnsAt('dh-lead', patients);
    const ids = await queryOk(clinician(), '{ staffDirectory(first: 1) { id } sharedResources { id } }');
    const record = await queryOk(clinician(), 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { labResults(first: 1) { id } } } }', {
      r: [{ __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn }],
    });
    const resultId = record._entities[0].labResults[0].id;
    const representations = [
      { __typename: 'Hospital', id: 'dh-lead' },
      { __typename: 'Department', hospitalId: 'dh-lead', id: 'dep-cardiology' },
      { __typename: 'Staff', hospitalId: 'dh-lead', id: ids.staffDirectory[0].id },
      { __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn },
      { __typename: 'LabResult', hospitalId: 'dh-lead', id: resultId },
      { __typename: 'SharedResource', hospitalId: 'dh-lead', id: ids.sharedResources[0].id },
      { __typename: 'ResourceBooking', hospitalId: 'dh-lead', id: 'bk-seed-0001' },
      { __typename: 'Hospital', id: 'dh-district' },
      { __typename: 'Department', hospitalId: 'dh-district', id: 'dep-cardiology' },
      { __typename: 'Staff', hospitalId: 'dh-lead', id: 'stf-9999' },
      { __typename: 'PatientRecord', hospitalId: 'dh-lead', mrn: 'NOPE' },
      { __typename: 'LabResult', hospitalId: 'dh-lead', id: 'lr-nope' },
      { __typename: 'SharedResource', hospitalId: 'dh-chc-hill', id: ids.sharedResources[0].id },
      { __typename: 'ResourceBooking', hospitalId: 'dh-lead', id: 'bk-nope' },
    ];
    const data = await queryOk(
      clinician(),
      `query ($r: [_Any!]!) { _entities(representations: $r) {
      __typename
      ... on Hospital { id bedSummary { total occupied available } departments(specialty: "cardiology") { id } staff(role: NURSE, first: 2) { role } sharedResources(kind: CT) { kind } }
      ... on Department { hospitalId id name }
      ... on Staff { hospitalId id name }
      ... on PatientRecord { hospitalId mrn }
      ... on LabResult { hospitalId id loinc }
      ... on SharedResource { hospitalId id kind }
      ... on ResourceBooking { hospitalId id status resource { id } requestingHospitalId patient { hospitalId mrn name } slotStart slotEnd createdAt }
    } }`,
      { r: representations },
    );
    const found = data._entities;
    expect(found).toHaveLength(representations.length);
    expect(found.slice(7)).toEqual([null, null, null, null, null, null, null]);
    expect(found.slice(0, 7).map((e: any) => e.__typename)).toEqual(representations.slice(0, 7).map((r) => r.__typename));
    const [hospitalEntry, department, staff, chart, result, resource, booking] = found;
    expect(hospitalEntry.bedSummary.available).toBe(hospitalEntry.bedSummary.total - hospitalEntry.bedSummary.occupied);
    expect(hospitalEntry.departments).toEqual([{ id: 'dep-cardiology' }]);
    expect(hospitalEntry.staff.every((s: any) => s.role === 'NURSE')).toBe(true);
    expect(hospitalEntry.sharedResources.every((r: any) => r.kind === 'CT')).toBe(true);
    expect(department).toMatchObject({ hospitalId: 'dh-lead', id: 'dep-cardiology', name: '心血管内科' });
    expect(staff.id).toBe(ids.staffDirectory[0].id);
    expect(chart.mrn).toBe(mrn);
    expect(result.id).toBe(resultId);
    expect(resource.id).toBe(ids.sharedResources[0].id);
    expect(booking).toMatchObject({ hospitalId: 'dh-lead', id: 'bk-seed-0001' });
    expect(booking.requestingHospitalId).not.toBe('dh-lead');
    if (booking.patient) expect(booking.patient).toMatchObject({ hospitalId: booking.requestingHospitalId, name: null });
  });

  test('an unparsable query and an unknown field get BAD_USER_INPUT', async () => {
    expect(errorCodes(await post(clinician(), '{ departments { '))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await post(clinician(), '{ departments { nope } }'))).toEqual(['BAD_USER_INPUT']);
  });
}

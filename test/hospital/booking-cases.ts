import { CALLERS } from '../support/tokens';
import { errorCodes, post, queryOk } from './graphql-expect';
import { mrnsAt, type SuiteContext } from './suite-context';

const BOOK = `mutation ($input: BookResourceInput!) { bookResource(input: $input) {
  hospitalId id status slotStart slotEnd requestingHospitalId createdAt resource { id kind } patient { hospitalId mrn name } } }`;
const CANCEL = 'mutation ($h: ID!, $b: ID!) { cancelBooking(hospitalId: $h, bookingId: $b) { id status } }';

let keys = 0;
const key = (label: string) => `test-${label}-${++keys}-${Date.now()}`;

export function registerBookingCases({ hospital, test }: SuiteContext, patients: number): void {
  const clinician = () => hospital().as(CALLERS.clinician('dh-chc-lakeside'));

  /** Free slots of one resource, from tomorrow on, so none can pass while the test runs. */
  async function freeSlots(resourceId: string): Promise<{ start: string; end: string }[]> {
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const data = await queryOk(
      clinician(),
      'query ($r: [_Any!]!, $from: DateTime) { _entities(representations: $r) { ... on SharedResource { availableSlots(from: $from, days: 7, first: 100) { start end } } } }',
      {
        r: [{ __typename: 'SharedResource', hospitalId: 'dh-lead', id: resourceId }],
        from,
      },
    );
    return data._entities[0].availableSlots;
  }

  const input = (slotStart: string, extra: Record<string, unknown> = {}) => ({
    hospitalId: 'dh-lead',
    resourceId: 'res-ct-1',
    slotStart,
    requestingHospitalId: 'dh-chc-lakeside',
    idempotencyKey: key('book'),
    ...extra,
  });

  test('bookResource books a free slot, is idempotent, and frees nothing twice', async () => {
    const [slot] = await freeSlots('res-ct-1');
    const [mrn] = mrnsAt('dh-lead', patients);
    const request = input(slot.start, { patient: { hospitalId: 'dh-lead', mrn } });
    const first = await post(clinician(), BOOK, { input: request });
    expect(first.body.errors).toBeUndefined();
    const booking = first.body.data.bookResource;
    expect(booking).toMatchObject({
      hospitalId: 'dh-lead',
      status: 'BOOKED',
      slotStart: slot.start,
      slotEnd: slot.end,
      requestingHospitalId: 'dh-chc-lakeside',
      resource: { id: 'res-ct-1', kind: 'CT' },
    });
    expect(booking.patient).toMatchObject({ hospitalId: 'dh-lead', mrn });
    expect(typeof booking.patient.name).toBe('string');

    const again = await post(clinician(), BOOK, { input: request });
    expect(again.body.data.bookResource.id).toBe(booking.id);
    const reused = await post(clinician(), BOOK, { input: { ...request, patient: null } });
    expect(errorCodes(reused)).toEqual(['CONFLICT']);
    const taken = await post(clinician(), BOOK, { input: input(slot.start) });
    expect(errorCodes(taken)).toEqual(['CONFLICT']);
    expect((await freeSlots('res-ct-1')).map((s) => s.start)).not.toContain(slot.start);
  });

  test('two concurrent bookings of one slot: exactly one BOOKED, one CONFLICT', async () => {
    const slots = await freeSlots('res-ultrasound-1');
    const slot = slots[slots.length - 1];
    const attempts = await Promise.all([0, 1].map(() => post(clinician(), BOOK, { input: input(slot.start, { resourceId: 'res-ultrasound-1' }) })));
    const outcomes = attempts.map((a) => (a.body.errors ? errorCodes(a)[0] : a.body.data.bookResource.status)).sort();
    expect(outcomes).toEqual(['BOOKED', 'CONFLICT']);
  });

  test('cancelBooking: BOOKED → CANCELLED frees the slot; twice is INVALID_TRANSITION; unknown is NOT_FOUND', async () => {
    const slots = await freeSlots('res-dsa-1');
    const slot = slots[1];
    const booked = await queryOk(clinician(), BOOK, { input: input(slot.start, { resourceId: 'res-dsa-1' }) });
    const id = booked.bookResource.id;
    const cancelled = await queryOk(clinician(), CANCEL, { h: 'dh-lead', b: id });
    expect(cancelled.cancelBooking).toEqual({ id, status: 'CANCELLED' });
    expect((await freeSlots('res-dsa-1')).map((s) => s.start)).toContain(slot.start);
    expect(errorCodes(await post(clinician(), CANCEL, { h: 'dh-lead', b: id }))).toEqual(['INVALID_TRANSITION']);
    expect(errorCodes(await post(clinician(), CANCEL, { h: 'dh-lead', b: 'bk-unknown' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await post(clinician(), CANCEL, { h: 'dh-district', b: id }))).toEqual(['BAD_USER_INPUT']);
    const rebooked = await queryOk(clinician(), BOOK, { input: input(slot.start, { resourceId: 'res-dsa-1' }) });
    expect(rebooked.bookResource.status).toBe('BOOKED');
  });

  test('bookResource refuses bad input with the documented codes', async () => {
    const [slot] = await freeSlots('res-ct-2');
    const weekEarlier = new Date(new Date(slot.start).getTime() - 7 * 86_400_000).toISOString();
    const offGrid = new Date(new Date(slot.start).getTime() + 5 * 60_000).toISOString();
    const cases: [string, Record<string, unknown>, string][] = [
      ['slot in the past', input(weekEarlier, { resourceId: 'res-ct-2' }), 'BAD_USER_INPUT'],
      ['not a slot start', input(offGrid, { resourceId: 'res-ct-2' }), 'BAD_USER_INPUT'],
      ['unknown resource', input(slot.start, { resourceId: 'res-nope' }), 'NOT_FOUND'],
      ['another member’s id', input(slot.start, { hospitalId: 'dh-district', resourceId: 'res-ct-2' }), 'BAD_USER_INPUT'],
      ['resource under maintenance', input(slot.start, { resourceId: 'res-mri-2' }), 'CONFLICT'],
      ['unknown own patient', input(slot.start, { resourceId: 'res-ct-2', patient: { hospitalId: 'dh-lead', mrn: 'NOPE' } }), 'NOT_FOUND'],
      ['malformed slotStart', input('tomorrow at nine', { resourceId: 'res-ct-2' }), 'BAD_USER_INPUT'],
      ['empty idempotency key', input(slot.start, { resourceId: 'res-ct-2', idempotencyKey: '  ' }), 'BAD_USER_INPUT'],
    ];
    for (const [label, request, code] of cases) {
      const response = await post(clinician(), BOOK, { input: request });
      expect({ label, codes: errorCodes(response) }).toEqual({ label, codes: [code] });
    }
    // nothing was written by the refused requests
    expect((await freeSlots('res-ct-2')).map((s) => s.start)).toContain(slot.start);
  });
}

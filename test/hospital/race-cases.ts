import { BookingEntity } from '../../subgraphs/hospital/booking/booking.entity';
import type { GraphQLResponse } from '../support/graphql-client';
import { CALLERS } from '../support/tokens';
import { errorCodes, post, queryOk } from './graphql-expect';
import type { SuiteContext } from './suite-context';

const BOOK = 'mutation ($input: BookResourceInput!) { bookResource(input: $input) { id status slotStart createdAt } }';
const CANCEL = 'mutation ($h: ID!, $b: ID!) { cancelBooking(hospitalId: $h, bookingId: $b) { id status } }';
const CALLS = 10;

/** What one answer came to: its result, or its error code. */
function outcome(response: GraphQLResponse<any>, field: string): string {
  return response.body.errors ? errorCodes(response).join() : `${field}:${JSON.stringify(response.body.data[field])}`;
}

/**
 * DESIGN 5 under concurrency: retries with one idempotency key that arrive at the same
 * moment all get the first result, and a state change callers race for succeeds once.
 */
export function registerRaceCases({ hospital, test }: SuiteContext): void {
  const clinician = () => hospital().as(CALLERS.clinician('dh-chc-lakeside'));

  async function freeSlot(resourceId: string, fromLast: number): Promise<string> {
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const data = await queryOk(
      clinician(),
      'query ($r: [_Any!]!, $from: DateTime) { _entities(representations: $r) { ... on SharedResource { availableSlots(from: $from, days: 7, first: 100) { start } } } }',
      {
        r: [{ __typename: 'SharedResource', hospitalId: 'dh-lead', id: resourceId }],
        from,
      },
    );
    const slots: { start: string }[] = data._entities[0].availableSlots;
    return slots[slots.length - 1 - fromLast].start;
  }

  const input = (slotStart: string, idempotencyKey: string) => ({
    hospitalId: 'dh-lead',
    resourceId: 'res-mri-1',
    slotStart,
    requestingHospitalId: 'dh-chc-lakeside',
    idempotencyKey,
  });

  test(`${CALLS} concurrent bookings with one idempotency key: every caller gets the first result, one booking row`, async () => {
    const slotStart = await freeSlot('res-mri-1', 0);
    const request = input(slotStart, `race-${Date.now()}-${Math.random()}`);
    const answers = await Promise.all(Array.from({ length: CALLS }, () => post(clinician(), BOOK, { input: request })));
    const outcomes = answers.map((a) => outcome(a, 'bookResource'));
    expect(answers[0].body.errors).toBeUndefined();
    expect(new Set(outcomes)).toEqual(new Set([outcomes[0]]));
    expect(answers[0].body.data.bookResource).toMatchObject({ status: 'BOOKED', slotStart });
    const rows = await hospital()
      .dataSource.getRepository(BookingEntity)
      .countBy({ resourceId: 'res-mri-1', slotStart: new Date(slotStart) });
    expect(rows).toBe(1);

    const other = await post(clinician(), BOOK, { input: { ...request, slotStart: await freeSlot('res-mri-1', 2) } });
    expect(errorCodes(other)).toEqual(['CONFLICT']);
  });

  test(`${CALLS} concurrent cancelBooking of one booking: exactly one succeeds, the others INVALID_TRANSITION`, async () => {
    const slotStart = await freeSlot('res-mri-1', 1);
    const booked = await queryOk(clinician(), BOOK, { input: input(slotStart, `race-cancel-${Date.now()}-${Math.random()}`) });
    const id = booked.bookResource.id;
    const answers = await Promise.all(Array.from({ length: CALLS }, () => post(clinician(), CANCEL, { h: 'dh-lead', b: id })));
    const outcomes = answers.map((a) => outcome(a, 'cancelBooking')).sort();
    expect(outcomes).toEqual([...Array.from({ length: CALLS - 1 }, () => 'INVALID_TRANSITION'), `cancelBooking:${JSON.stringify({ id, status: 'CANCELLED' })}`].sort());
  });
}

import { parse } from 'graphql';
import { contractFactsOf } from '../compose/contract-facts-of';
import { staticDirectory } from '../registry/member';
import { MemberUnavailableError } from '../../common/errors';
import { mutationTargets, resolveTargets, routeMutation } from './route-mutation';

/** Where each mutation names its hospital comes from the checked-in contract's `@hospitalFrom`. */
const facts = contractFactsOf();
const directory = staticDirectory([{ hospitalId: 'dh-a', name: 'A', url: 'http://a', state: 'ready' }]);

describe('mutationTargets', () => {
  it.each<[string, string, Record<string, unknown>, { key: string; hospitalId: string }[]]>([
    ['inline hospitalId', 'mutation { cancelBooking(hospitalId: "dh-a", bookingId: "1") { id } }', {}, [{ key: 'cancelBooking', hospitalId: 'dh-a' }]],
    ['hospitalId variable', 'mutation($h: ID!) { c: cancelBooking(hospitalId: $h, bookingId: "1") { id } }', { h: 'dh-b' }, [{ key: 'c', hospitalId: 'dh-b' }]],
    ['inline input object', 'mutation { bookResource(input: { hospitalId: "dh-a", resourceId: "r" }) { id } }', {}, [{ key: 'bookResource', hospitalId: 'dh-a' }]],
    [
      'input object variable',
      'mutation($in: BookResourceInput!) { bookResource(input: $in) { id } }',
      { in: { hospitalId: 'dh-c' } },
      [{ key: 'bookResource', hospitalId: 'dh-c' }],
    ],
    [
      'registerPatient (contract 1.1) by its input variable',
      'mutation($in: RegisterPatientInput!) { registerPatient(input: $in) { mrn } }',
      { in: { hospitalId: 'dh-e', name: 'x' } },
      [{ key: 'registerPatient', hospitalId: 'dh-e' }],
    ],
    ['variable inside an inline input', 'mutation($h: ID!) { bookResource(input: { hospitalId: $h }) { id } }', { h: 'dh-d' }, [{ key: 'bookResource', hospitalId: 'dh-d' }]],
    [
      'several fields in order',
      'mutation { x: cancelBooking(hospitalId: "dh-b", bookingId: "1") { id } y: cancelBooking(hospitalId: "dh-a", bookingId: "2") { id } }',
      {},
      [
        { key: 'x', hospitalId: 'dh-b' },
        { key: 'y', hospitalId: 'dh-a' },
      ],
    ],
  ])('%s', (_name, query, variables, expected) => {
    expect(mutationTargets(parse(query), variables, facts)).toEqual(expected);
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['no hospital at all', 'mutation { somethingNew(id: "1") { id } }', {}],
    ['a hospitalId argument the contract does not route by', 'mutation { somethingNew(hospitalId: "dh-a") { id } }', {}],
    ['input without hospitalId', 'mutation($in: BookResourceInput!) { bookResource(input: $in) { id } }', { in: { resourceId: 'r' } }],
    ['missing variable', 'mutation($h: ID!) { cancelBooking(hospitalId: $h, bookingId: "1") { id } }', {}],
    ['empty id', 'mutation { cancelBooking(hospitalId: "", bookingId: "1") { id } }', {}],
  ])('BAD_USER_INPUT when %s', (_name, query, variables) => {
    expect(() => mutationTargets(parse(query), variables, facts)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});

describe('resolveTargets', () => {
  it('finds active members', () => {
    expect(resolveTargets([{ key: 'x', hospitalId: 'dh-a' }], directory).map((m) => m.hospitalId)).toEqual(['dh-a']);
  });
  it('refuses an unknown or suspended hospital with MEMBER_UNKNOWN before any call', () => {
    expect(() =>
      resolveTargets(
        [
          { key: 'x', hospitalId: 'dh-a' },
          { key: 'y', hospitalId: 'dh-gone' },
        ],
        directory,
      ),
    ).toThrow(expect.objectContaining({ code: 'MEMBER_UNKNOWN', details: { hospitalId: 'dh-gone' } }));
  });
});

describe('routeMutation when the member does not answer', () => {
  const document = parse('mutation { cancelBooking(hospitalId: "dh-a", bookingId: "1") { id } }');
  const failing = (error: Error) => async () => Promise.reject(error);

  it('a request that went out without answer: outcome UNKNOWN, retry with the same key', async () => {
    const result = await routeMutation(document, {}, directory, failing(new MemberUnavailableError('dh-a', 'timed out', true)), facts);
    expect(result.data).toEqual({ cancelBooking: null });
    expect(result.errors).toEqual([
      {
        message: expect.stringMatching(/unknown.*same idempotencyKey/),
        path: ['cancelBooking'],
        extensions: { code: 'MEMBER_UNAVAILABLE', hospitalId: 'dh-a', outcome: 'UNKNOWN' },
      },
    ]);
  });

  it('a request never sent (member down, breaker open): plain MEMBER_UNAVAILABLE, nothing applied', async () => {
    const result = await routeMutation(document, {}, directory, failing(new MemberUnavailableError('dh-a', 'is down', false)), facts);
    expect(result.errors).toEqual([{ message: expect.stringContaining('is down'), path: ['cancelBooking'], extensions: { code: 'MEMBER_UNAVAILABLE', hospitalId: 'dh-a' } }]);
  });

  it('a member that lost its database during the change: its MEMBER_UNAVAILABLE says the outcome is unknown', async () => {
    const result = await routeMutation(
      document,
      {},
      directory,
      async () => ({ data: null, errors: [{ message: 'db', path: ['cancelBooking'], extensions: { code: 'MEMBER_UNAVAILABLE' } }] }),
      facts,
    );
    expect(result.errors).toEqual([
      { message: expect.stringMatching(/unknown/), path: ['cancelBooking'], extensions: { code: 'MEMBER_UNAVAILABLE', hospitalId: 'dh-a', outcome: 'UNKNOWN' } },
    ]);
  });
});

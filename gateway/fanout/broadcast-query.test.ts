import { parse } from 'graphql';
import { MemberUnavailableError } from '../../common/errors';
import { contractFactsOf } from '../compose/contract-facts-of';
import { staticDirectory, type Member } from '../registry/member';
import type { MemberRequest, MemberResponse } from '../transport/member-fetch';
import { broadcastQuery, type MemberCall } from './broadcast-query';
import { fetchEntities } from './fetch-entities';

const member = (hospitalId: string): Member => ({ hospitalId, name: hospitalId, url: `http://${hospitalId}`, state: 'ready' });
const facts = contractFactsOf();
const directory = staticDirectory([member('a'), member('b')]);

/** Member answers keyed by hospital; records what each was asked. */
function members(answers: Record<string, (query: string, variables: Record<string, unknown>) => MemberResponse | Error>) {
  const asked: Record<string, { query: string; variables: Record<string, unknown> }[]> = {};
  const call: MemberCall = async (m, { query, variables = {} }) => {
    (asked[m.hospitalId] ??= []).push({ query, variables });
    const answer = answers[m.hospitalId](query, variables);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { call, asked };
}

describe('broadcastQuery', () => {
  it('with no member to ask: an error on the field, not a silent empty list; an explicit empty hospitalIds asks nobody quietly', async () => {
    const none = staticDirectory([]);
    const { call } = members({});
    const result = await broadcastQuery(parse('{ staffDirectory { name } }'), {}, none, call, facts);
    expect(result.data).toEqual({ staffDirectory: [] });
    expect(result.errors).toEqual([
      { message: expect.stringContaining('No member hospital could be asked'), path: ['staffDirectory'], extensions: { code: 'MEMBER_UNAVAILABLE' } },
    ]);
    expect((await broadcastQuery(parse('{ staffDirectory(hospitalIds: []) { name } }'), {}, directory, call, facts)).errors).toEqual([]);
  });

  it('sends each member only the fields meant for it, with only the variables they use', async () => {
    const { call, asked } = members({
      a: () => ({ data: { departments: [], labSummary: [{ count: 1 }] } }),
      b: () => ({ data: { labSummary: [{ count: 2 }] } }),
    });
    const document = parse('query($ids: [ID!], $l: String!) { departments(hospitalIds: $ids) { id } labSummary(loinc: $l) { count } }');
    const result = await broadcastQuery(document, { ids: ['a'], l: 'x' }, directory, call, facts);
    expect(asked.b[0].query).not.toContain('departments');
    expect(asked.b[0].variables).toEqual({ l: 'x' });
    expect(asked.a[0].query).toContain('departments');
    expect(asked.a[0].query).toContain('_maSort_name: name');
    expect(result).toEqual({ data: { departments: [], labSummary: [{ count: 1 }, { count: 2 }] }, errors: [] });
  });

  it('gives ONE MEMBER_UNKNOWN error for every unknown id of every field, listing the first ten, and asks each member once', async () => {
    const { call, asked } = members({ a: () => ({ data: { departments: [], staffDirectory: [] } }), b: () => ({ data: {} }) });
    const ids = ['a', 'a', ...Array.from({ length: 5000 }, (_, i) => `zz-${String(i).padStart(4, '0')}`)];
    const document = parse('query($ids: [ID!]) { departments(hospitalIds: $ids) { id } staffDirectory(hospitalIds: $ids) { name } }');
    const result = await broadcastQuery(document, { ids: [...ids, ...ids] }, directory, call, facts);
    expect(result.errors).toEqual([
      {
        message: expect.stringContaining('and 4990 more'),
        extensions: { code: 'MEMBER_UNKNOWN', hospitalIds: Array.from({ length: 10 }, (_, i) => `zz-000${i}`), moreHospitals: 4990 },
      },
    ]);
    expect(asked.a).toHaveLength(1);
    expect(asked.b).toBeUndefined();
  });

  it('remaps member error paths onto merged positions and names the hospital', async () => {
    const { call } = members({
      a: () => ({ data: { staffDirectory: [{ _maSort_name: 'Z' }] }, errors: [{ message: 'x', path: ['staffDirectory', 0, 'department'], extensions: { code: 'FORBIDDEN' } }] }),
      b: () => new MemberUnavailableError('b', 'timed out'),
    });
    const result = await broadcastQuery(parse('{ staffDirectory { name } }'), {}, directory, call, facts);
    expect(result.data).toEqual({ staffDirectory: [{}] });
    expect(result.errors).toEqual([
      { message: 'x', path: ['staffDirectory', 0, 'department'], extensions: { code: 'FORBIDDEN', hospitalId: 'a' } },
      { message: expect.stringContaining('timed out'), extensions: { code: 'MEMBER_UNAVAILABLE', hospitalId: 'b' } },
    ]);
  });

  it('gives members asked for the same fields one request object (encoded and hashed once), others their own', async () => {
    const sent: Record<string, MemberRequest> = {};
    const call: MemberCall = async (m, request) => {
      sent[m.hospitalId] = request;
      return { data: { departments: [], labSummary: [] } };
    };
    const three = staticDirectory([member('a'), member('b'), member('c')]);
    const document = parse('query($ids: [ID!], $l: String!) { departments { id } labSummary(loinc: $l, hospitalIds: $ids) { count } }');
    await broadcastQuery(document, { ids: ['a', 'b'], l: 'x' }, three, call, facts);
    const first = sent.a;
    expect(sent.b).toBe(first);
    expect(sent.c).not.toBe(first);
    expect(sent.c.query).not.toContain('labSummary');
    // the next fetch makes its own: a request object is one fetch's exact body, its variables included
    await broadcastQuery(document, { ids: ['a', 'b'], l: 'y' }, three, call, facts);
    expect(sent.a).toBe(sent.b);
    expect(sent.a).not.toBe(first);
    expect(sent.a.variables).toMatchObject({ l: 'y' });
  });

  it('propagates anything that is not a member failure (a bug is not partial data)', async () => {
    const { call } = members({ a: () => new TypeError('bug'), b: () => ({ data: { departments: [] } }) });
    await expect(broadcastQuery(parse('{ departments { id } }'), {}, directory, call, facts)).rejects.toThrow(TypeError);
  });
});

describe('fetchEntities', () => {
  it('one request per holding member, answers in the original order, unknown hospitals null without a request', async () => {
    const { call, asked } = members({
      a: (_q, v) => ({ data: { _entities: (v.representations as any[]).map((r) => ({ n: `a:${r.mrn}` })) }, errors: [{ message: 'e', path: ['_entities', 1, 'name'] }] }),
      b: () => new MemberUnavailableError('b'),
    });
    const representations = [
      { __typename: 'PatientRecord', hospitalId: 'b', mrn: '1' },
      { __typename: 'PatientRecord', hospitalId: 'a', mrn: '2' },
      { __typename: 'PatientRecord', hospitalId: 'zz', mrn: '3' },
      { __typename: 'PatientRecord', hospitalId: 'a', mrn: '4' },
    ];
    const result = await fetchEntities(
      parse('query($representations: [_Any!]!) { _entities(representations: $representations) { ... on PatientRecord { name } } }'),
      { representations },
      directory,
      call,
      facts,
    );
    expect(result.data._entities).toEqual([null, { n: 'a:2' }, null, { n: 'a:4' }]);
    expect(asked.a).toHaveLength(1);
    expect(asked.a[0].variables.representations).toEqual([representations[1], representations[3]]);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { message: expect.any(String), path: ['_entities', 2], extensions: { code: 'MEMBER_UNKNOWN', hospitalId: 'zz' } },
        { message: 'e', path: ['_entities', 3, 'name'], extensions: { hospitalId: 'a' } },
        { message: expect.any(String), path: ['_entities', 0], extensions: { code: 'MEMBER_UNAVAILABLE', hospitalId: 'b' } },
      ]),
    );
    expect(result.errors).toHaveLength(3);
  });
});

import { buildSdlSchema } from '../../common/contract/contract-check';
import type { Member } from '../registry/member';
import type { MemberResponse } from '../transport/member-fetch';
import { askOutdatedMember } from './outdated-member';

const contract = buildSdlSchema(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
directive @since(version: String!) on FIELD_DEFINITION
type Query { departments: [Department!]!  onCall(first: Int): [Department!] @since(version: "1.1") }
type Mutation { openWard(name: String!): Department! @since(version: "1.1") }
type Department @key(fields: "hospitalId id") { hospitalId: ID! id: ID! name: String  beds: Int @since(version: "1.1") }
`);
const outdated: Member = {
  hospitalId: 'h-old',
  name: 'Old',
  url: 'http://old',
  state: 'ready',
  contractVersion: '1.0',
  lacks: new Set(['Query.onCall', 'Department.beds', 'Mutation.openWard']),
};

/** A member that answers from fixed data and records what it was asked. */
function memberAnswering(data: Record<string, unknown>) {
  const asked: { query: string; variables: Record<string, unknown> }[] = [];
  const send = async (query: string, variables: Record<string, unknown>): Promise<MemberResponse> => {
    asked.push({ query, variables });
    return { data: structuredClone(data) };
  };
  return { asked, send };
}

describe('askOutdatedMember', () => {
  it('asks a member at the current version exactly what it was given', async () => {
    const { asked, send } = memberAnswering({ departments: [] });
    await askOutdatedMember({ ...outdated, lacks: new Set() }, { query: '{ departments { beds } }', variables: {} }, contract, send);
    expect(asked).toEqual([{ query: '{ departments { beds } }', variables: {} }]);
  });

  it('takes a nested later field out, answers it null everywhere and names the first place it would have been', async () => {
    const { asked, send } = memberAnswering({ departments: [{ name: 'ICU' }, { name: 'ER' }] });
    const answer = await askOutdatedMember(outdated, { query: '{ departments { name beds } }', variables: {} }, contract, send);
    expect(asked[0].query).not.toContain('beds');
    expect(answer.data).toEqual({
      departments: [
        { name: 'ICU', beds: null },
        { name: 'ER', beds: null },
      ],
    });
    expect(answer.errors).toEqual([
      expect.objectContaining({ path: ['departments', 0, 'beds'], extensions: { code: 'MEMBER_OUTDATED', hospitalId: 'h-old', field: 'Department.beds' } }),
    ]);
  });

  it('does not call the member at all when only later root fields were asked; their variables are not sent', async () => {
    const { asked, send } = memberAnswering({});
    const answer = await askOutdatedMember(outdated, { query: 'mutation ($n: String!) { openWard(name: $n) { id } }', variables: { n: 'x' } }, contract, send);
    expect(asked).toEqual([]);
    expect(answer.data).toEqual({ openWard: null });
    expect(answer.errors!.map((e) => [e.path, e.extensions?.code, e.extensions?.field])).toEqual([[['openWard'], 'MEMBER_OUTDATED', 'Mutation.openWard']]);
  });

  it('keeps the other root fields and drops the variables only the later one used', async () => {
    const { asked, send } = memberAnswering({ departments: [{ id: '1' }] });
    const answer = await askOutdatedMember(outdated, { query: 'query ($f: Int) { departments { id } onCall(first: $f) { id } }', variables: { f: 3 } }, contract, send);
    expect(asked).toEqual([{ query: expect.not.stringContaining('onCall'), variables: {} }]);
    expect(answer.data).toEqual({ departments: [{ id: '1' }], onCall: null });
  });

  it('keeps a selection valid when every field of it was later (entities)', async () => {
    const { asked, send } = memberAnswering({ _entities: [{ __typename: 'Department' }] });
    const answer = await askOutdatedMember(
      outdated,
      {
        query: 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Department { beds } } }',
        variables: { representations: [{ __typename: 'Department', hospitalId: 'h-old', id: '1' }] },
      },
      contract,
      send,
    );
    expect(asked[0].query).toMatch(/\.\.\. on Department \{\s*__typename\s*\}/);
    expect(asked[0].variables).toEqual({ representations: [{ __typename: 'Department', hospitalId: 'h-old', id: '1' }] });
    expect(answer.errors!.map((e) => e.path)).toEqual([['_entities', 0, 'beds']]);
  });
});

describe('askOutdatedMember with named fragments', () => {
  it('finds a later field inside a fragment at its real place, and sends no unused fragment', async () => {
    const { asked, send } = memberAnswering({ departments: [{ name: 'ICU' }] });
    const answer = await askOutdatedMember(outdated, { query: '{ departments { ...D } } fragment D on Department { name beds }', variables: {} }, contract, send);
    expect(asked[0].query).not.toMatch(/beds|fragment/);
    expect(answer.data).toEqual({ departments: [{ name: 'ICU', beds: null }] });
    expect(answer.errors!.map((e) => e.path)).toEqual([['departments', 0, 'beds']]);
  });
});

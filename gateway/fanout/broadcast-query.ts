import { print, type DocumentNode, type FieldNode } from 'graphql';
import type { ContractFacts } from '../../common/contract/contract-facts';
import { MemberUnknownError, NoMemberToAskError } from '../../common/errors';
import { compareStrings, type Member, type MemberDirectory } from '../registry/member';
import type { MemberRequest, MemberResponse } from '../transport/member-fetch';
import { asMedAllianceError, toMemberError } from './member-error';
import { cutOf, mergeLists, sortFieldsToFetch } from './merge-lists';
import { requestedHospitalIds } from './hospital-ids';
import { addSortAliases, argumentValue, keepRootFields, responseKey, rootFields, variablesFor } from './operation-document';
import { remapListError, type MemberError } from './remap-error-paths';

/** One call to one member. A request object may go to several members: it is never changed once made. */
export type MemberCall = (member: Member, request: MemberRequest) => Promise<MemberResponse>;

export interface FanOutResult {
  data: Record<string, unknown>;
  errors: MemberError[];
}

/** Rewritten query text per contract, planner document and set of fields: plans are cached, so are these. */
interface Rewritten {
  query: string;
  document: DocumentNode;
}
const rewriteCache = new WeakMap<ContractFacts, WeakMap<DocumentNode, Map<string, Rewritten>>>();

/** The hospital an error names (the gateway tags each with its member's id), for ordering. */
function hospitalOf(error: MemberError): string {
  const id = error.extensions?.hospitalId;
  return typeof id === 'string' ? id : '';
}

function memberQuery(facts: ContractFacts, document: DocumentNode, keys: string[], allKeys: number): Rewritten {
  let perFacts = rewriteCache.get(facts);
  if (!perFacts) rewriteCache.set(facts, (perFacts = new WeakMap()));
  let perDocument = perFacts.get(document);
  if (!perDocument) perFacts.set(document, (perDocument = new Map<string, Rewritten>()));
  const cacheKey = keys.length === allKeys ? '*' : keys.join('\u0000');
  let entry = perDocument.get(cacheKey);
  if (!entry) {
    const kept = cacheKey === '*' ? document : keepRootFields(document, new Set(keys));
    const rewritten = addSortAliases(
      kept,
      sortFieldsToFetch(
        facts,
        rootFields(kept).map((f) => f.name.value),
      ),
    );
    entry = { query: print(rewritten), document: rewritten };
    perDocument.set(cacheKey, entry);
  }
  return entry;
}

/** Which members each root field goes to: all ACTIVE members, or those in `hospitalIds` (each once). */
export function targetMembers(field: FieldNode, variables: Record<string, unknown>, directory: MemberDirectory): { members: Member[]; unknown: string[] } {
  const ids = requestedHospitalIds(field, variables);
  if (!ids) return { members: [...directory.list()], unknown: [] };
  const members: Member[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const member = directory.find(id);
    if (member) members.push(member);
    else unknown.push(id);
  }
  return { members, unknown };
}

/**
 * Root query fields of the `hospitals` subgraph: each member gets the fields meant for
 * it in one request, in parallel; lists are merged in the contract's order (`@listOrder`)
 * and cut to their slicing argument (`@listSize`: `first`, else its default in the
 * contract); a failed member's part is absent with MEMBER_UNAVAILABLE naming it. Hospitals
 * in `hospitalIds` that are not ACTIVE members get no request and ONE MEMBER_UNKNOWN error
 * for the whole fetch, however many ids and fields name them (DESIGN 5).
 */
export async function broadcastQuery(
  document: DocumentNode,
  variables: Record<string, unknown>,
  directory: MemberDirectory,
  call: MemberCall,
  facts: ContractFacts,
): Promise<FanOutResult> {
  const fields = rootFields(document).filter((f) => f.name.value !== '__typename');
  const errors: MemberError[] = [];
  const plan = new Map<string, { member: Member; keys: string[] }>();
  const targetsByKey = new Map<string, string[]>();
  const unknownIds = new Set<string>();
  const keysWithUnknown: string[] = [];
  for (const field of fields) {
    const key = responseKey(field);
    const { members, unknown } = targetMembers(field, variables, directory);
    if (unknown.length > 0) keysWithUnknown.push(key);
    for (const id of unknown) unknownIds.add(id);
    // an empty list would claim "no such data"; the truth is that nobody could be asked
    if (members.length === 0 && unknown.length === 0 && !Array.isArray(argumentValue(field, 'hospitalIds', variables))) errors.push(toMemberError(new NoMemberToAskError(), [key]));
    targetsByKey.set(
      key,
      members.map((m) => m.hospitalId),
    );
    for (const member of members) {
      const entry = plan.get(member.hospitalId) ?? { member, keys: [] };
      entry.keys.push(key);
      plan.set(member.hospitalId, entry);
    }
  }
  if (unknownIds.size > 0)
    errors.push(toMemberError(new MemberUnknownError([...unknownIds].sort(compareStrings)), keysWithUnknown.length === 1 ? [keysWithUnknown[0]] : undefined));

  // members asked for the same fields share one request object: its body is encoded and hashed once, not per member
  const requests = new Map<Rewritten, MemberRequest>();
  const requestFor = (keys: string[]): MemberRequest => {
    const rewritten = memberQuery(facts, document, keys, fields.length);
    let request = requests.get(rewritten);
    if (!request) requests.set(rewritten, (request = { query: rewritten.query, variables: variablesFor(rewritten.document, variables) }));
    return request;
  };
  const answers = new Map<string, MemberResponse | null>();
  let memberErrors = false;
  await Promise.all(
    Array.from(plan.values(), async ({ member, keys }) => {
      try {
        const answer = await call(member, requestFor(keys));
        if (answer.errors?.length) memberErrors = true;
        answers.set(member.hospitalId, answer);
      } catch (error) {
        errors.push(toMemberError(asMedAllianceError(error)));
        answers.set(member.hospitalId, null);
      }
    }),
  );

  const data: Record<string, unknown> = {};
  if (rootFields(document).some((f) => f.name.value === '__typename')) data.__typename = 'Query';
  // merged positions only matter for remapping the members' own errors
  const positionsByMember = memberErrors ? new Map<string, Map<string, (number | undefined)[]>>() : undefined;
  for (const field of fields) {
    const key = responseKey(field);
    const parts = targetsByKey.get(key)!.map((hospitalId) => {
      const value = answers.get(hospitalId)?.data?.[key];
      return { hospitalId, items: Array.isArray(value) ? value : null };
    });
    const first = cutOf(facts, field.name.value, (name) => argumentValue(field, name, variables));
    const merged = mergeLists(facts.list('Query', field.name.value)?.order, parts, first);
    data[key] = merged.items;
    if (!positionsByMember) continue;
    for (const [hospitalId, positions] of merged.positions) {
      const perMember = positionsByMember.get(hospitalId) ?? new Map<string, (number | undefined)[]>();
      perMember.set(key, positions);
      positionsByMember.set(hospitalId, perMember);
    }
  }
  if (positionsByMember) {
    for (const [hospitalId, answer] of answers) {
      for (const error of answer?.errors ?? []) errors.push(remapListError(error, positionsByMember.get(hospitalId) ?? new Map(), hospitalId));
    }
  }
  errors.sort((a, b) => compareStrings(hospitalOf(a), hospitalOf(b)));
  return { data, errors };
}

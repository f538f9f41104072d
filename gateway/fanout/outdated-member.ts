import {
  Kind,
  parse,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';
import { MemberOutdatedError } from '../../common/errors';
import type { Member } from '../registry/member';
import type { MemberResponse } from '../transport/member-fetch';
import { toMemberError } from './member-error';
import { rootFields, variablesFor, withoutUnused } from './operation-document';
import type { MemberError } from './remap-error-paths';

/** A field taken out of a member's request: its contract coordinate and its response path (keys, no list indexes). */
interface Stripped {
  coordinate: string;
  path: string[];
}

interface Tailored {
  /** The request for the member; undefined = nothing is left to ask it. */
  query?: string;
  document?: DocumentNode;
  stripped: Stripped[];
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * Named fragments spread as inline fragments (validation already ruled out cycles), so
 * that every field has one response path; the fragment definitions are dropped.
 */
function inlineFragments(document: DocumentNode): DocumentNode {
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  if (fragments.size === 0) return document;
  const inline = (set: SelectionSetNode): SelectionSetNode =>
    visit(set, {
      FragmentSpread(node): InlineFragmentNode | null {
        const fragment = fragments.get(node.name.value);
        if (!fragment) return null;
        return { kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition, directives: node.directives, selectionSet: inline(fragment.selectionSet) };
      },
    });
  return { ...document, definitions: document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [{ ...d, selectionSet: inline(d.selectionSet) }] : [])) };
}

/**
 * Takes every field a member lacks (`Type.field` of a later contract version) out of a
 * request for it, wherever it appears: root fields, nested selections, entity fragments.
 * A selection left empty keeps `__typename`, so the request stays valid GraphQL.
 */
function tailor(document: DocumentNode, contract: GraphQLSchema, lacks: ReadonlySet<string>): { document?: DocumentNode; stripped: Stripped[] } {
  const typeInfo = new TypeInfo(contract);
  const stripped: Stripped[] = [];
  const keys: string[] = [];
  const rewritten = visit(
    inlineFragments(document),
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const parent = typeInfo.getParentType();
          const coordinate = parent ? `${parent.name}.${node.name.value}` : '';
          const key = node.alias?.value ?? node.name.value;
          if (lacks.has(coordinate)) {
            stripped.push({ coordinate, path: [...keys, key] });
            return null;
          }
          keys.push(key);
          return undefined;
        },
        leave() {
          keys.pop();
        },
      },
      SelectionSet: {
        leave(node): SelectionSetNode | undefined {
          return node.selections.length === 0 ? { ...node, selections: [TYPENAME] } : undefined;
        },
      },
    }),
  );
  if (stripped.length === 0) return { document, stripped };
  const kept = withoutUnused(rewritten);
  const asked = rootFields(kept).some((f) => f.name.value !== '__typename');
  return asked ? { document: kept, stripped } : { stripped };
}

/** Sets the stripped field to null wherever its parent objects are, through lists. */
function fillNull(value: unknown, path: readonly string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) fillNull(item, path);
    return;
  }
  if (!value || typeof value !== 'object' || path.length === 0) return;
  const record = value as Record<string, unknown>;
  if (path.length === 1) record[path[0]] = null;
  else fillNull(record[path[0]], path.slice(1));
}

/** The first place the field would have been in the answer (list index 0 where one exists), for the error path. */
function firstPosition(data: unknown, path: readonly string[]): (string | number)[] {
  const out: (string | number)[] = [];
  let current: unknown = data;
  for (const key of path) {
    if (!current || typeof current !== 'object') break;
    out.push(key);
    current = (current as Record<string, unknown>)[key];
    if (Array.isArray(current)) {
      const index = current.findIndex((item) => item && typeof item === 'object');
      if (index < 0) break;
      out.push(index);
      current = current[index];
    }
  }
  return out;
}

const cache = new WeakMap<ReadonlySet<string>, Map<string, Tailored>>();

function tailored(query: string, contract: GraphQLSchema, lacks: ReadonlySet<string>): Tailored {
  let perLacks = cache.get(lacks);
  if (!perLacks) cache.set(lacks, (perLacks = new Map<string, Tailored>()));
  let entry = perLacks.get(query);
  if (!entry) {
    const { document, stripped } = tailor(parse(query), contract, lacks);
    entry = { ...(document ? { query: stripped.length > 0 ? print(document) : query, document } : {}), stripped };
    if (perLacks.size < 1000) perLacks.set(query, entry);
  }
  return entry;
}

/**
 * Asks a member served at an older contract version (DESIGN 4) only what it serves: the
 * fields it lacks are taken out of the request, come back as null, and each gives one
 * MEMBER_OUTDATED error naming the hospital and the field, at the first place it would
 * have been; the rest of its answer is kept. Members at the current version are asked as is.
 */
export async function askOutdatedMember(
  member: Member,
  request: { query: string; variables: Record<string, unknown> },
  contract: GraphQLSchema,
  send: (query: string, variables: Record<string, unknown>) => Promise<MemberResponse>,
): Promise<MemberResponse> {
  const lacks = member.lacks;
  if (!lacks || lacks.size === 0) return send(request.query, request.variables);
  const { query, document, stripped } = tailored(request.query, contract, lacks);
  if (stripped.length === 0) return send(request.query, request.variables);
  const answer: MemberResponse = query && document ? await send(query, variablesFor(document, request.variables)) : { data: {} };
  const data = answer.data ?? null;
  const errors: MemberError[] = [...(answer.errors ?? [])];
  for (const { coordinate, path } of stripped) {
    if (data) fillNull(data, path);
    const position = data ? firstPosition(data, path) : path.slice(0, 1);
    errors.push(toMemberError(new MemberOutdatedError(member.hospitalId, coordinate, member.contractVersion ?? 'an older version'), position.length > 0 ? position : undefined));
  }
  return { data, errors };
}

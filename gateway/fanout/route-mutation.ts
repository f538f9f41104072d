import { print, type DocumentNode } from 'graphql';
import type { ContractFacts } from '../../common/contract/contract-facts';
import { BadUserInputError, MemberUnavailableError, MemberUnknownError, OutcomeUnknownError, type MedAllianceError } from '../../common/errors';
import type { Member, MemberDirectory } from '../registry/member';
import type { FanOutResult, MemberCall } from './broadcast-query';
import { asMedAllianceError, toMemberError } from './member-error';
import { argumentValue, keepRootFields, responseKey, rootFields, variablesFor } from './operation-document';
import type { MemberError } from './remap-error-paths';

export interface MutationTarget {
  key: string;
  hospitalId: string;
}

/**
 * The hospital each root mutation field names, at the argument path the contract gives
 * it with `@hospitalFrom` (e.g. `hospitalId`, `input.hospitalId`), inline or through
 * variables. A field naming none is a caller mistake, and a mutation the contract gives
 * no such path is never sent: mutations are never broadcast (DESIGN 4).
 */
export function mutationTargets(document: DocumentNode, variables: Record<string, unknown>, facts: ContractFacts): MutationTarget[] {
  return rootFields(document)
    .filter((f) => f.name.value !== '__typename')
    .map((field) => {
      const path = facts.hospitalPath(`Mutation.${field.name.value}`);
      if (!path) throw new BadUserInputError(`${field.name.value} names no hospital in the contract; it cannot be routed.`, { field: field.name.value });
      let hospitalId: unknown = argumentValue(field, path[0], variables);
      for (const step of path.slice(1)) hospitalId = hospitalId && typeof hospitalId === 'object' ? (hospitalId as Record<string, unknown>)[step] : undefined;
      if (typeof hospitalId !== 'string' || hospitalId === '') {
        throw new BadUserInputError(`${field.name.value} must name the hospital it changes (${path.join('.')}).`, { field: field.name.value });
      }
      return { key: responseKey(field), hospitalId };
    });
}

/** Checks every target before any call, so that a bad one never leaves a partial write; a hospital that is not an ACTIVE member is MEMBER_UNKNOWN. */
export function resolveTargets(targets: MutationTarget[], directory: MemberDirectory): Member[] {
  return targets.map((t) => {
    const member = directory.find(t.hospitalId);
    if (!member) throw new MemberUnknownError(t.hospitalId);
    return member;
  });
}

/**
 * Sends each mutation field to the one member it names. Fields for different members are
 * sent one after another in document order, as GraphQL runs mutation fields serially.
 */
export async function routeMutation(
  document: DocumentNode,
  variables: Record<string, unknown>,
  directory: MemberDirectory,
  call: MemberCall,
  facts: ContractFacts,
): Promise<FanOutResult> {
  const targets = mutationTargets(document, variables, facts);
  const members = resolveTargets(targets, directory);
  if (members.every((m) => m.hospitalId === members[0]?.hospitalId) && members.length > 0) {
    try {
      const answer = await call(members[0], { query: print(document), variables });
      return { data: answer.data ?? {}, errors: (answer.errors ?? []).map((e) => memberMutationError(e, members[0].hospitalId)) };
    } catch (error) {
      const failure = toMemberError(mutationFailure(error));
      return { data: Object.fromEntries(targets.map((t) => [t.key, null])), errors: targets.map((t) => ({ ...failure, path: [t.key] })) };
    }
  }
  const data: Record<string, unknown> = {};
  const errors: MemberError[] = [];
  for (const [i, target] of targets.entries()) {
    const single = keepRootFields(document, new Set([target.key]));
    try {
      const answer = await call(members[i], { query: print(single), variables: variablesFor(single, variables) });
      data[target.key] = answer.data?.[target.key] ?? null;
      for (const e of answer.errors ?? []) errors.push(memberMutationError(e, target.hospitalId));
    } catch (error) {
      data[target.key] = null;
      errors.push(toMemberError(mutationFailure(error), [target.key]));
    }
  }
  return { data, errors };
}

/**
 * A change that went out and got no answer may have been applied: the caller is told so
 * and to retry with the same idempotency key (DESIGN 5), not that it failed.
 */
function mutationFailure(error: unknown): MedAllianceError {
  const known = asMedAllianceError(error);
  return known instanceof MemberUnavailableError && known.sent ? new OutcomeUnknownError(known.hospitalId) : known;
}

/** A member that lost its database during a change cannot say whether it committed either. */
function memberMutationError(error: MemberError, hospitalId: string): MemberError {
  const extensions: Record<string, unknown> = { ...(error.extensions ?? {}), hospitalId };
  if (extensions.code !== 'MEMBER_UNAVAILABLE') return { ...error, extensions };
  const unknown = new OutcomeUnknownError(hospitalId);
  return { ...error, message: unknown.message, extensions: { ...extensions, ...unknown.details } };
}

import { print, type DocumentNode } from 'graphql';
import type { ContractFacts } from '../../common/contract/contract-facts';
import { MemberUnknownError } from '../../common/errors';
import type { MemberDirectory } from '../registry/member';
import type { FanOutResult, MemberCall } from './broadcast-query';
import { asMedAllianceError, toMemberError } from './member-error';
import { partitionEntities, reassembleEntities, type Representation } from './partition-entities';
import { remapEntityError, type MemberError } from './remap-error-paths';

const printed = new WeakMap<DocumentNode, string>();

function queryText(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/**
 * `_entities`: one request per holding member with only its representations, answers put
 * back in the original order, exactly one entry per representation (DESIGN 8). Unknown
 * or inactive hospitals get null and MEMBER_UNKNOWN without any request.
 */
export async function fetchEntities(
  document: DocumentNode,
  variables: Record<string, unknown>,
  directory: MemberDirectory,
  call: MemberCall,
  facts: ContractFacts,
): Promise<FanOutResult> {
  const representations = (Array.isArray(variables.representations) ? variables.representations : []) as Representation[];
  const { batches, unknown } = partitionEntities(representations, directory, facts);
  const errors: MemberError[] = unknown.map((u) => toMemberError(new MemberUnknownError(u.hospitalId || '(none)'), ['_entities', u.indexes[0]]));
  const query = queryText(document);
  const answered = await Promise.all(
    batches.map(async (batch) => {
      try {
        const answer = await call(batch.member, { query, variables: { ...variables, representations: batch.representations } });
        const entities = answer.data?._entities;
        for (const error of answer.errors ?? []) errors.push(remapEntityError(error, batch.indexes, batch.member.hospitalId));
        return { indexes: batch.indexes, entities: Array.isArray(entities) ? entities : null };
      } catch (error) {
        errors.push(toMemberError(asMedAllianceError(error), ['_entities', batch.indexes[0]]));
        return { indexes: batch.indexes, entities: null };
      }
    }),
  );
  return { data: { _entities: reassembleEntities(representations.length, answered) }, errors };
}

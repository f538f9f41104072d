import { GATEWAY_KEY_NAME, hospitalAudience, signGatewayToken } from '../../../common/auth/gateway-token';
import { loadSigningKey, type SigningKey } from '../../../common/auth/key-store';
import { ForbiddenError, MemberUnavailableError } from '../../../common/errors';
import type { Caller } from '../../../common/auth/caller';

/** A result as the member that holds it knows it; null when it has no such result. */
export interface HeldResult {
  mrn: string;
  loinc: string;
}

export interface ResultRef {
  hospitalId: string;
  id: string;
}

/**
 * Asks the member that holds them what the named results are (chart and LOINC code). The
 * alliance holds no results, so this is the only way it can tell an existing result of the
 * referred patient from a typo or another patient's result (DESIGN 5, clinical integrity).
 */
export type LookUpHeldResults = (
  member: { id: string; subgraphUrl: string },
  ids: readonly string[],
  onBehalfOf: Caller,
  requestId: string,
) => Promise<Map<string, HeldResult | null>>;

const RESULTS_QUERY = 'query AllianceResultCheck($r: [_Any!]!) { _entities(representations: $r) { ... on LabResult { id mrn loinc } } }';

interface EntitiesAnswer {
  data?: { _entities?: ({ id?: unknown; mrn?: unknown; loinc?: unknown } | null)[] } | null;
  errors?: { extensions?: { code?: unknown } }[];
}

/**
 * The member is called the way the gateway calls it: a short-lived token for that member's
 * audience, signed with the gateway key the members trust, carrying the clinician the
 * check is made for (the member audits the read under that clinician and purpose). The
 * alliance uses that key only when it can read it (demo and single-host deployments share
 * the data directory); without it, nothing can be verified and the write is refused.
 */
export function createMemberResultLookup(options: { dataDir: string; timeoutMs?: number }): LookUpHeldResults {
  let key: Promise<SigningKey | undefined> | undefined;
  const timeoutMs = options.timeoutMs ?? 2_000;
  return async (member, ids, onBehalfOf, requestId) => {
    key ??= loadSigningKey(options.dataDir, GATEWAY_KEY_NAME);
    const signingKey = await key;
    if (!signingKey) throw new MemberUnavailableError(member.id, 'cannot be asked to confirm the results (no key the members trust)');
    const request = { query: RESULTS_QUERY, variables: { r: ids.map((id) => ({ __typename: 'LabResult', hospitalId: member.id, id })) } };
    // the alliance has checked the caller's membership in its own registry (context.ts); a token for this one request
    const token = await signGatewayToken(signingKey, { ...onBehalfOf, memberStatus: 'ACTIVE' }, hospitalAudience(member.id), request, requestId);
    let body: EntitiesAnswer;
    try {
      const response = await fetch(member.subgraphUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(timeoutMs),
      });
      body = (await response.json()) as EntitiesAnswer;
    } catch {
      throw new MemberUnavailableError(member.id, 'did not confirm the results');
    }
    const entities = body.data?._entities;
    if ((body.errors ?? []).some((e) => e.extensions?.code === 'FORBIDDEN')) throw new ForbiddenError('The member holding the result refused to confirm it for this caller.');
    if (!Array.isArray(entities) || entities.length !== ids.length) throw new MemberUnavailableError(member.id, 'did not confirm the results');
    return new Map(
      ids.map((id, i) => {
        const entity = entities[i];
        const held = entity && typeof entity.mrn === 'string' && typeof entity.loinc === 'string' ? { mrn: entity.mrn, loinc: entity.loinc } : null;
        return [id, held];
      }),
    );
  };
}

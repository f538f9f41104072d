import type { Agent } from 'undici';
import type { SubgraphRequestBody } from '../../common/auth/request-hash';
import { isGraphQLBody, sendJson } from '../transport/send-json';
import type { ListedMember, MembershipStatuses } from './registry-file';

const MEMBERS_QUERY = '{ hospitals { id name level role status subgraphUrl } }';

interface ListedHospital {
  id?: unknown;
  name?: unknown;
  status?: unknown;
  subgraphUrl?: unknown;
}

export class AllianceUnreachableError extends Error {
  constructor(reason: string) {
    super(`alliance registry unavailable: ${reason}`);
    this.name = 'AllianceUnreachableError';
  }
}

/** Only ACTIVE members with an endpoint are routed to (DESIGN 4: a suspended one gets none). */
export function activeMembers(hospitals: readonly ListedHospital[]): ListedMember[] {
  return hospitals
    .filter((h) => h.status === 'ACTIVE' && typeof h.id === 'string' && typeof h.subgraphUrl === 'string' && h.subgraphUrl !== '')
    .map((h) => ({ hospitalId: h.id as string, name: typeof h.name === 'string' ? h.name : (h.id as string), url: h.subgraphUrl as string }));
}

/** Every listed hospital's membership status (ACTIVE, SUSPENDED, LEFT): what a caller's `hospitalId` is worth. */
export function membershipStatuses(hospitals: readonly ListedHospital[]): MembershipStatuses {
  const statuses = Object.create(null) as MembershipStatuses;
  for (const h of hospitals) if (typeof h.id === 'string' && (h.status === 'ACTIVE' || h.status === 'SUSPENDED' || h.status === 'LEFT')) statuses[h.id] = h.status;
  return statuses;
}

/** Reads the member directory from the alliance subgraph: the routable members and every hospital's status; `headersFor` signs this one call. */
export async function fetchAllianceMembers(
  agent: Agent,
  allianceUrl: string,
  headersFor: (request: SubgraphRequestBody) => Promise<Record<string, string>>,
  timeoutMs: number,
): Promise<{ members: ListedMember[]; statuses: MembershipStatuses }> {
  const request = { query: MEMBERS_QUERY };
  const headers = await headersFor(request);
  let reply;
  try {
    reply = await sendJson(agent, allianceUrl, Buffer.from(JSON.stringify(request)), headers, { timeoutMs, maxBytes: Infinity });
  } catch (error) {
    throw new AllianceUnreachableError((error as NodeJS.ErrnoException).code ?? (error as Error).name);
  }
  const hospitals = isGraphQLBody(reply.body) ? reply.body.data?.hospitals : undefined;
  if (!Array.isArray(hospitals)) {
    const codes = isGraphQLBody(reply.body) ? (reply.body.errors ?? []).map((e) => (e as { extensions?: { code?: string } }).extensions?.code).join(',') : '';
    throw new AllianceUnreachableError(`no hospitals in the answer (status ${reply.status}${codes ? `, ${codes}` : ''})`);
  }
  return { members: activeMembers(hospitals as ListedHospital[]), statuses: membershipStatuses(hospitals as ListedHospital[]) };
}

import type { ChartToLink } from './enqueue-link';

const LINK_MUTATION = 'mutation LinkPatientRecord($input: LinkPatientRecordInput!) { linkPatientRecord(input: $input) { mpiId matchedBy } }';
const CALL_TIMEOUT_MS = 5_000;

export type LinkAttempt = { linked: true; mpiId: string } | { linked: false; code: string };

export interface LinkCall {
  allianceUrl: string;
  /** `Bearer …`: the member's own token (`common/auth/member-token.ts`). */
  authorization: string;
  hospitalId: string;
  /** The outbox row's id: a retry after a lost answer links once. */
  idempotencyKey: string;
  chart: ChartToLink;
}

/**
 * One `linkPatientRecord` call to the alliance. Every failure comes back as a code, never
 * a message, URL or socket text: the drainer logs codes and counts only.
 */
export async function sendLink(call: LinkCall): Promise<LinkAttempt> {
  const input = { hospitalId: call.hospitalId, idempotencyKey: call.idempotencyKey, ...call.chart };
  let response: Response;
  try {
    response = await fetch(call.allianceUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: call.authorization },
      body: JSON.stringify({ query: LINK_MUTATION, variables: { input } }),
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
  } catch {
    return { linked: false, code: 'ALLIANCE_UNAVAILABLE' };
  }
  let body: { data?: { linkPatientRecord?: { mpiId?: unknown } | null } | null; errors?: { extensions?: { code?: unknown } }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    return { linked: false, code: response.status >= 500 ? 'ALLIANCE_UNAVAILABLE' : `HTTP_${response.status}` };
  }
  const mpiId = body.data?.linkPatientRecord?.mpiId;
  if (typeof mpiId === 'string') return { linked: true, mpiId };
  const code = body.errors?.[0]?.extensions?.code;
  return { linked: false, code: typeof code === 'string' ? code.slice(0, 64) : response.status >= 500 ? 'ALLIANCE_UNAVAILABLE' : `HTTP_${response.status}` };
}

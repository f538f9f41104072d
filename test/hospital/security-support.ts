import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../subgraphs/runtime/audit/audit-entry.entity';
import { postGraphQL, type GraphQLResponse } from '../support/graphql-client';
import { queryOk, type Target } from './graphql-expect';
import type { StartedHospital } from './hospital-target';

/** Posts with a fresh request id, so the test can find the audit row of exactly this request. */
export async function requestAs(target: Target, query: string, variables?: Record<string, unknown>): Promise<{ response: GraphQLResponse; requestId: string }> {
  const requestId = `sec-${randomUUID()}`;
  const response = await postGraphQL(target.url, query, variables, { ...(await target.headers({ query, variables })), 'x-request-id': requestId });
  return { response, requestId };
}

/** The audit row of one request (the plugin writes it before the response is sent), or null. */
export async function auditRowOf(hospital: StartedHospital, requestId: string): Promise<Omit<AuditEntry, 'at'> | null> {
  const rows = await hospital.dataSource.getRepository(AuditEntry).findBy({ requestId });
  if (rows.length > 1) throw new Error(`${rows.length} audit rows for one request`);
  if (rows.length === 0) return null;
  const { at: _at, ...row } = rows[0];
  return row;
}

/** A free slot of a resource from tomorrow on, so it cannot pass while the test runs. */
export async function freeSlot(target: Target, resourceId: string, which: 'first' | 'last'): Promise<string> {
  const from = new Date(Date.now() + 86_400_000).toISOString();
  const data = await queryOk(
    target,
    'query ($r: [_Any!]!, $from: DateTime) { _entities(representations: $r) { ... on SharedResource { availableSlots(from: $from, days: 7, first: 500) { start } } } }',
    {
      r: [{ __typename: 'SharedResource', hospitalId: 'dh-lead', id: resourceId }],
      from,
    },
  );
  const slots: { start: string }[] = data._entities[0].availableSlots;
  return (which === 'first' ? slots[0] : slots[slots.length - 1]).start;
}

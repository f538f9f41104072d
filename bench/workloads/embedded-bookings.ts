import type { SubgraphRequestBody } from '../../common/auth/request-hash';
import { performance } from 'node:perf_hooks';
import { hospitalAudience } from '../../common/auth/gateway-token';
import { scratchDir } from '../harness/alliance-stack';
import { startCli } from '../harness/processes';
import { gatewayAuthorization } from '../harness/tokens';

/**
 * Workload 6: bookings per second on the embedded database as shipped (better-sqlite3,
 * WAL, synchronous=FULL: every booking's COMMIT is fsynced before its answer). One member
 * process, called directly (no gateway), each request books a different free slot.
 */
export interface EmbeddedBookingsResult {
  member: string;
  connections: number;
  /** Bookings answered without errors, and the wall time they took. */
  bookings: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers with errors (none expected: every slot is free). */
  errors: number;
}

const MEMBER = 'dh-lead';
const RESOURCES = ['res-ct-1', 'res-ct-2', 'res-ultrasound-1', 'res-ultrasound-2'];
// the gateway states an active member's status in its token; members refuse clinicians without it
const BOOKER = { subject: 'bench-booker@dh-lead', role: 'clinician' as const, hospitalId: MEMBER, purpose: 'TREATMENT' as const, memberStatus: 'ACTIVE' as const };
const SLOTS = 'query ($r: [_Any!]!, $from: DateTime) { _entities(representations: $r) { ... on SharedResource { availableSlots(from: $from, days: 7, first: 500) { start } } } }';
const BOOK = 'mutation ($input: BookResourceInput!) { bookResource(input: $input) { id } }';

interface SlotsData {
  _entities?: ({ availableSlots?: { start: string }[] } | null)[];
}
interface BookData {
  bookResource?: { id?: string } | null;
}

/** One call; `Data` is the shape the query asks for (the member's own schema). */
async function post<Data>(url: string, authorization: string, query: string, variables: Record<string, unknown>): Promise<{ data?: Data | null; errors?: unknown[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Data | null; errors?: unknown[] };
}

/** Free slots from tomorrow on, week by week, until there are `count`. */
async function freeSlots(url: string, authorization: (request: SubgraphRequestBody) => string, count: number): Promise<{ resourceId: string; slotStart: string }[]> {
  const slots: { resourceId: string; slotStart: string }[] = [];
  const start = Date.now() + 86_400_000;
  for (let week = 0; week < 12 && slots.length < count; week++) {
    const from = new Date(start + week * 7 * 86_400_000).toISOString();
    for (const resourceId of RESOURCES) {
      const variables = { r: [{ __typename: 'SharedResource', hospitalId: MEMBER, id: resourceId }], from };
      const answer = await post<SlotsData>(url, authorization({ query: SLOTS, variables }), SLOTS, variables);
      for (const slot of answer.data?._entities?.[0]?.availableSlots ?? []) slots.push({ resourceId, slotStart: slot.start });
    }
  }
  if (slots.length < count) throw new Error(`only ${slots.length} free slots for ${count} bookings`);
  return slots.slice(0, count);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export async function runEmbeddedBookings(options: {
  connections: number;
  bookings: number;
  warmupBookings: number;
  log: (line: string) => void;
}): Promise<EmbeddedBookingsResult> {
  const dataDir = scratchDir('bookings');
  const member = await startCli(MEMBER, ['hospital', '--id', MEMBER, '--port', '0'], { MEDALLIANCE_DATA_DIR: dataDir, DATABASE_URL: '', MEDALLIANCE_SEED_PATIENTS: '20' });
  try {
    const authorization = await gatewayAuthorization(dataDir, BOOKER, hospitalAudience(MEMBER));
    const slots = await freeSlots(member.url, authorization, options.warmupBookings + options.bookings);
    let next = 0;
    let errors = 0;
    const latencies: number[] = [];
    const book = async (slot: { resourceId: string; slotStart: string }, timed: boolean) => {
      const input = { hospitalId: MEMBER, requestingHospitalId: MEMBER, ...slot, idempotencyKey: `bench-${slot.resourceId}-${slot.slotStart}` };
      const began = performance.now();
      const answer = await post<BookData>(member.url, authorization({ query: BOOK, variables: { input } }), BOOK, { input });
      if (!timed) return;
      if (answer.errors?.length || !answer.data?.bookResource?.id) errors += 1;
      else latencies.push(performance.now() - began);
    };
    for (const slot of slots.slice(0, options.warmupBookings)) await book(slot, false);
    const measured = slots.slice(options.warmupBookings);
    const began = performance.now();
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (next < measured.length) await book(measured[next++], true);
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    const result = {
      member: MEMBER,
      connections: options.connections,
      bookings: latencies.length,
      seconds: round(seconds, 2),
      perSecond: round(latencies.length / seconds, 1),
      p50Ms: round(percentile(sorted, 50), 1),
      p99Ms: round(percentile(sorted, 99), 1),
      errors,
    };
    options.log(`  w6: ${result.bookings} bookings in ${result.seconds} s = ${result.perSecond}/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${errors} errors`);
    return result;
  } finally {
    await member.stop();
  }
}

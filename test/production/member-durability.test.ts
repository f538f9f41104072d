import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mrnsAt } from '../hospital/suite-context';
import { postGraphQL } from '../support/graphql-client';
import { itOn } from '../support/mysql';
import { runCli } from '../support/run-cli';
import { CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { openStorage, signalAndWait, spawnProduction, type DatabaseKind } from './support/acknowledged';

/**
 * Nothing acknowledged is lost (DESIGN 2, 7): a member answers bookings and audited PHI
 * reads, is stopped (SIGTERM) or killed (SIGKILL) the moment the last answer arrives,
 * and after a restart every booking and every audit row is there. The same booking sent
 * again with its idempotency key returns the stored booking, never a new one.
 */
const HOSPITAL = 'dh-lead';
const PATIENTS = 20;
const BOOKINGS = 24;
const READS = 12;

const BOOK = 'mutation ($input: BookResourceInput!) { bookResource(input: $input) { id status } }';
const CHART = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on PatientRecord { mrn labResults(first: 2) { loinc } } } }';
const SLOTS = 'query ($r: [_Any!]!, $from: DateTime) { _entities(representations: $r) { ... on SharedResource { availableSlots(from: $from, days: 14, first: 100) { start } } } }';
const RESOURCES = ['res-ct-1', 'res-ultrasound-1'];

const cases: [DatabaseKind, NodeJS.Signals][] = [
  ['embedded', 'SIGTERM'],
  ['embedded', 'SIGKILL'],
  ['mysql', 'SIGTERM'],
  ['mysql', 'SIGKILL'],
];

describe.each(cases)('a member on %s, %s right after its answers', (kind, signal) => {
  let dataDir = '';
  // made when the test runs: a skipped one runs no hooks, so would leave it behind
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-durable-member-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  itOn(kind)('keeps every acknowledged booking and audit row across the stop and a restart', async () => {
    const storage = await openStorage(kind, dataDir, path.join(dataDir, `${HOSPITAL}.sqlite`));
    const env = { ...storage.env, MEDALLIANCE_SEED_PATIENTS: String(PATIENTS) };
    const args = ['hospital', '--id', HOSPITAL, '--port', '0'];
    let member = await spawnProduction(args, env);
    try {
      const call = async (query: string, variables: Record<string, unknown>, requestId?: string) =>
        postGraphQL(member.url, query, variables, {
          ...(await gatewayHeaders(CALLERS.clinician(HOSPITAL), { dataDir, audience: hospitalAudience(HOSPITAL) }, { query, variables })),
          ...(requestId ? { 'x-request-id': requestId } : {}),
        });
      const from = new Date(Date.now() + 86_400_000).toISOString();
      const slots = (
        await Promise.all(
          RESOURCES.map(async (resourceId) => {
            const { body } = await call(SLOTS, { r: [{ __typename: 'SharedResource', hospitalId: HOSPITAL, id: resourceId }], from });
            return (body.data._entities[0].availableSlots as { start: string }[]).map((s) => ({ resourceId, slotStart: s.start }));
          }),
        )
      ).flat();
      expect(slots.length).toBeGreaterThanOrEqual(BOOKINGS);
      const inputs = slots
        .slice(0, BOOKINGS)
        .map((slot, i) => ({ hospitalId: HOSPITAL, requestingHospitalId: HOSPITAL, ...slot, idempotencyKey: `durable-${kind}-${signal}-${i}` }));
      const mrns = mrnsAt(HOSPITAL, PATIENTS);

      // all at once, then the signal the moment the last answer is in
      const [booked, read] = await Promise.all([
        Promise.all(inputs.map((input, i) => call(BOOK, { input }, `book-${i}`))),
        Promise.all(Array.from({ length: READS }, (_, i) => call(CHART, { r: [{ __typename: 'PatientRecord', hospitalId: HOSPITAL, mrn: mrns[i % mrns.length] }] }, `read-${i}`))),
      ]);
      const ended = await signalAndWait(member, signal);

      const bookingIds = booked.map((r) => {
        expect(r.body.errors).toBeUndefined();
        return r.body.data.bookResource.id as string;
      });
      for (const r of read) expect(r.body.errors).toBeUndefined();
      expect(ended).toEqual(signal === 'SIGTERM' ? { code: 0, signal: null } : { code: null, signal: 'SIGKILL' });

      member = await spawnProduction(args, env);
      const again = await Promise.all(inputs.map((input) => call(BOOK, { input })));
      expect(again.map((r) => r.body.data?.bookResource?.id)).toEqual(bookingIds);
      const requestIds = [...inputs.map((_, i) => `book-${i}`), ...Array.from({ length: READS }, (_, i) => `read-${i}`)];
      expect((await storage.auditedRequestIds(requestIds)).sort()).toEqual([...requestIds].sort());
      expect(await runCli(['audit', 'verify', '--hospital', HOSPITAL, '--local-only'], env)).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/^audit chain OK: \d+ rows\n$/),
      });

      expect(await signalAndWait(member, 'SIGTERM')).toEqual({ code: 0, signal: null });
    } finally {
      await member.stop('SIGKILL');
      await storage.drop();
    }
  });
});

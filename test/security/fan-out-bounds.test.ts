import { postGraphQL } from '../support/graphql-client';
import { callerHeaders } from '../gateway/support/caller-headers';
import { startMemberGateway, type MemberGateway } from './support/member-gateway';

const STAFF = 'query($ids: [ID!]) { staffDirectory(hospitalIds: $ids) { hospitalId name } }';

/** Issue 14, attack 6: the fan-out is bounded in width, answer size, time and concurrency. */
describe('bounded fan-out', () => {
  let stack: MemberGateway;
  const received = (id: string) => stack.members.get(id)!.received.filter((r) => !r.query.includes('_service')).length;

  beforeAll(async () => {
    stack = await startMemberGateway(
      [
        { id: 'p-one', staff: ['Lin', 'Bo'] },
        { id: 'p-two', staff: ['Yu'] },
        // its staff directory alone is far over the 4 KiB answer cap below
        { id: 'p-large', staff: Array.from({ length: 200 }, (_, i) => `Staff member number ${i} of a very large hospital`) },
      ],
      { MEDALLIANCE_MEMBER_MAX_ANSWER_BYTES: '4096', MEDALLIANCE_MEMBER_TIMEOUT_MS: '60000', MEDALLIANCE_MAX_CONCURRENT_PER_CALLER: '2', MEDALLIANCE_RATE_LIMIT_PER_SECOND: '0' },
      { hung: true },
    );
  });
  afterAll(() => stack?.close());

  it('refuses 5000 unknown hospitalIds in one small, fast answer with one error, asking no member', async () => {
    const before = ['p-one', 'p-two'].map(received);
    const ids = Array.from({ length: 5000 }, (_, i) => `x${i}`);
    const query =
      'query($ids: [ID!]) { a: departments(hospitalIds: $ids) { id } b: staffDirectory(hospitalIds: $ids) { name } c: labSummary(loinc: "718-7", hospitalIds: $ids) { count } }';
    const started = Date.now();
    const response = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callerHeaders(stack.dataDir)) },
      body: JSON.stringify({ query, variables: { ids } }),
    });
    const text = await response.text();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(response.status).toBe(400);
    expect(text.length).toBeLessThan(1000);
    const body = JSON.parse(text);
    expect(body.errors).toEqual([
      { message: expect.stringContaining('5000 different hospitals'), locations: expect.any(Array), extensions: { code: 'BAD_USER_INPUT', argument: 'hospitalIds', max: 4 } },
    ]);
    expect(['p-one', 'p-two'].map(received)).toEqual(before);
  });

  it('names unknown hospitals within the bound in ONE MEMBER_UNKNOWN error and answers the rest', async () => {
    const { body } = await postGraphQL(
      stack.url,
      'query($ids: [ID!]) { a: staffDirectory(hospitalIds: $ids) { hospitalId name } b: departments(hospitalIds: $ids) { hospitalId } }',
      { ids: ['p-one', 'dh-x', 'dh-y', 'dh-x'] },
      await callerHeaders(stack.dataDir),
    );
    expect(body.data.a).toEqual([
      { hospitalId: 'p-one', name: 'Bo' },
      { hospitalId: 'p-one', name: 'Lin' },
    ]);
    expect(body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'MEMBER_UNKNOWN', hospitalIds: ['dh-x', 'dh-y'] } }]);
  });

  it('asks a member named 1000 times once, and answers its rows once', async () => {
    const before = received('p-two');
    const { body } = await postGraphQL(stack.url, STAFF, { ids: Array.from({ length: 1000 }, () => 'p-two') }, await callerHeaders(stack.dataDir));
    expect(body).toEqual({ data: { staffDirectory: [{ hospitalId: 'p-two', name: 'Yu' }] } });
    expect(received('p-two')).toBe(before + 1);
  });

  it('counts the fan-out width in the cost: refused for every member, accepted for one', async () => {
    // first: 5000 × 3 fields = 15,000 per member; 4 members = 60,000 > 25,000
    const query = 'query($ids: [ID!]) { staffDirectory(first: 5000, hospitalIds: $ids) { hospitalId name } }';
    const all = await postGraphQL(stack.url, query, {}, await callerHeaders(stack.dataDir));
    expect(all.status).toBe(400);
    expect(all.body.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
    const one = await postGraphQL(stack.url, query, { ids: ['p-two'] }, await callerHeaders(stack.dataDir));
    expect(one.body).toEqual({ data: { staffDirectory: [{ hospitalId: 'p-two', name: 'Yu' }] } });
  });

  it('drops a member answer over the size cap: MEMBER_UNAVAILABLE for that member, the rest answered', async () => {
    const { body } = await postGraphQL(stack.url, STAFF, { ids: ['p-one', 'p-large'] }, await callerHeaders(stack.dataDir));
    expect(body.data.staffDirectory).toEqual([
      { hospitalId: 'p-one', name: 'Bo' },
      { hospitalId: 'p-one', name: 'Lin' },
    ]);
    expect(body.errors).toEqual([{ message: expect.stringContaining('more than the gateway accepts'), extensions: { code: 'MEMBER_UNAVAILABLE', hospitalId: 'p-large' } }]);
  });

  it('cancels the member calls of a client that disconnects (the hung member sees its request closed long before the timeout)', async () => {
    const hung = stack.hung!;
    const controller = new AbortController();
    const arrived = hung.nextRequest();
    const answer = fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callerHeaders(stack.dataDir)) },
      body: JSON.stringify({ query: STAFF, variables: { ids: ['p-hung'] } }),
      signal: controller.signal,
    }).catch((error: Error) => error);
    await arrived;
    expect(hung.held).toBe(1);
    const aborted = hung.nextAbort();
    controller.abort();
    // the member timeout is 60 s and jest's 5 s: only the disconnect can close it in time
    await aborted;
    expect(hung.held).toBe(0);
    expect(((await answer) as Error).name).toBe('AbortError');
  });

  it("caps one caller's requests in flight: the next is 429 RATE_LIMITED, another caller is served, and the slots come back", async () => {
    const hung = stack.hung!;
    const slow = await callerHeaders(stack.dataDir, 'analyst', undefined, { subject: 'analyst-slow' });
    const controllers = [new AbortController(), new AbortController()];
    // one at a time, so that both are held before the third is sent
    for (const controller of controllers) {
      const arrived = hung.nextRequest();
      void fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...slow },
        body: JSON.stringify({ query: STAFF, variables: { ids: ['p-hung'] } }),
        signal: controller.signal,
      }).catch(() => undefined);
      await arrived;
    }
    const third = await postGraphQL(stack.url, STAFF, { ids: ['p-one'] }, slow);
    expect(third.status).toBe(429);
    expect(third.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } }]);
    expect((await postGraphQL(stack.url, STAFF, { ids: ['p-one'] }, await callerHeaders(stack.dataDir))).status).toBe(200);

    const released = [hung.nextAbort(), hung.nextAbort()];
    controllers.forEach((c) => c.abort());
    await Promise.all(released);
    const again = await postGraphQL(stack.url, STAFF, { ids: ['p-one'] }, slow);
    expect(again.status).toBe(200);
  });
});

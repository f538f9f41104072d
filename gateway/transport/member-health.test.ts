import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { describeTransportError, HealthBook, probeMember, readinessUrl } from './member-health';

/** A member's HTTP side answering /readyz with `status` and `body` (or never, with null). */
async function readinessServer(answer: { status: number; body: unknown } | null): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (!answer) return;
    res.statusCode = answer.status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer.body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('probeMember over real HTTP', () => {
  const agent = new Agent();
  afterAll(() => agent.close());

  it.each<[string, { status: number; body: unknown } | null, { up: boolean; error?: string }]>([
    ['ready', { status: 200, body: { status: 'ready' } }, { up: true }],
    ['its database down', { status: 503, body: { status: 'not-ready', database: 'down' } }, { up: false, error: 'its database is down (HTTP 503)' }],
    ['draining', { status: 503, body: { status: 'draining' } }, { up: false, error: 'it is shutting down (HTTP 503)' }],
    ['a partner without /readyz', { status: 404, body: {} }, { up: true }],
    ['hung', null, { up: false, error: 'no answer within 300 ms' }],
  ])('%s', async (_name, answer, expected) => {
    const server = await readinessServer(answer);
    try {
      const result = await probeMember(agent, server.url, 300);
      expect(result).toEqual({ ...expected, latencyMs: expect.any(Number) });
    } finally {
      await server.close();
    }
  });

  it('a closed port is down with a plain reason and no address', async () => {
    const server = await readinessServer({ status: 200, body: {} });
    await server.close();
    const result = await probeMember(agent, server.url, 1000);
    expect(result).toMatchObject({ up: false, error: 'connection refused (ECONNREFUSED)' });
  });
});

describe('member health', () => {
  it('finds /readyz next to the GraphQL endpoint, keeping a path prefix', () => {
    expect(readinessUrl('http://10.0.0.5:4101/graphql')).toBe('http://10.0.0.5:4101/readyz');
    expect(readinessUrl('https://h.example/members/x/graphql')).toBe('https://h.example/members/x/readyz');
  });

  it('describes transport failures in words and codes, never with the address', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:4101'), { code: 'ECONNREFUSED' });
    expect(describeTransportError(refused, false, 2000)).toBe('connection refused (ECONNREFUSED)');
    expect(describeTransportError(new Error('x'), true, 2000)).toBe('no answer within 2000 ms');
    expect(describeTransportError(Object.assign(new Error('x'), { code: 'EWEIRD 10.1.2.3:80' }), false, 1)).not.toMatch(/10\.1\.2\.3/);
  });

  it('records up/down with latency, keeps the last error, and says when the status changed', () => {
    const book = new HealthBook();
    expect(book.get('a')).toEqual({ status: 'unknown' });
    expect(book.record('a', { up: true, latencyMs: 3 }, new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(book.record('a', { up: true, latencyMs: 4 }, new Date('2026-01-01T00:00:03Z'))).toBe(false);
    expect(book.get('a')).toEqual({ status: 'up', latencyMs: 4, lastCheckAt: '2026-01-01T00:00:03.000Z', since: '2026-01-01T00:00:00.000Z' });
    expect(book.record('a', { up: false, latencyMs: 2000, error: 'its database is down (HTTP 503)' }, new Date('2026-01-01T00:00:06Z'))).toBe(true);
    expect(book.isDown('a')).toBe(true);
    expect(book.get('a')).toMatchObject({ status: 'down', lastError: 'its database is down (HTTP 503)', since: '2026-01-01T00:00:06.000Z' });
    book.record('a', { up: true, latencyMs: 5 }, new Date('2026-01-01T00:00:09Z'));
    expect(book.get('a')).toMatchObject({ status: 'up', lastError: 'its database is down (HTTP 503)' });
  });
});

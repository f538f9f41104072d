import { describeTransportError, HealthBook, readinessUrl } from './member-health';

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

import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createScratchDatabase, mysqlAvailable } from '../support/mysql';
import { spawnCli } from '../support/spawn-cli';
import { CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { waitForOutput } from '../support/wait-for-output';

const IN_FLIGHT = 16;
const QUERY = '{ staffDirectory(first: 500) { id name role department { name staff(first: 20) { id } } } departments { id staff(first: 50) { id } } }';

interface HeldRequest {
  /** Resolves when the server has accepted the request (it answered 100 Continue). */
  accepted: Promise<void>;
  /** Sends the body; resolves with the complete response. */
  finish(): Promise<{ status: number; body: string }>;
}

/**
 * A request the server holds in flight deterministically: the headers go first with
 * `Expect: 100-continue`, and the body only after the test has sent SIGTERM.
 */
function holdRequest(port: number, headers: Record<string, string>): HeldRequest {
  const body = JSON.stringify({ query: QUERY });
  const request = http.request({
    host: '127.0.0.1',
    port,
    path: '/graphql',
    method: 'POST',
    agent: false,
    headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), expect: '100-continue' },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.once('error', reject);
    request.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.once('error', reject);
    });
  });
  request.flushHeaders();
  return {
    accepted: once(request, 'continue').then(() => undefined),
    finish() {
      request.end(body);
      return response;
    },
  };
}

async function readyzStatus(port: number): Promise<number | 'refused'> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
  } catch {
    return 'refused';
  }
}

describe('SIGTERM on a hospital subgraph', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-sigterm-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each(['sqljs', 'mysql'] as const)('on %s: stops taking new work, finishes every in-flight request, closes the database, exits 0', async (kind) => {
    if (kind === 'mysql' && !(await mysqlAvailable())) return;
    const scratch = kind === 'mysql' ? await createScratchDatabase('sigterm') : undefined;
    const service = await spawnCli(['hospital', '--id', 'dh-lead', '--port', '0'], { MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_SEED_PATIENTS: '40', DATABASE_URL: scratch?.url ?? '' });
    try {
      // one token per request: a subgraph accepts each gateway token once
      const signed = await Promise.all(Array.from({ length: IN_FLIGHT }, () => gatewayHeaders(CALLERS.clinician('dh-lead'), { dataDir, audience: hospitalAudience('dh-lead') }, { query: QUERY })));
      expect(await readyzStatus(service.port)).toBe(200);

      const held = signed.map((headers) => holdRequest(service.port, headers));
      await Promise.all(held.map((h) => h.accepted));

      const exited = once(service.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      service.child.kill('SIGTERM');
      await waitForOutput(service, /draining: not ready/);
      // Readiness is gone before the drain ends: a load balancer sends nothing new.
      expect(await readyzStatus(service.port)).not.toBe(200);

      const responses = await Promise.all(held.map((h) => h.finish()));
      for (const response of responses) {
        expect(response.status).toBe(200);
        const parsed = JSON.parse(response.body) as { data?: { staffDirectory: unknown[]; departments: unknown[] }; errors?: unknown };
        expect(parsed.errors).toBeUndefined();
        expect(parsed.data?.staffDirectory.length).toBeGreaterThan(10);
        expect(parsed.data?.departments.length).toBeGreaterThan(5);
      }
      const [code, signal] = await exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      // The queries above ran after SIGTERM, so the pool closed only after the drain.
      const output = service.output();
      expect(output.indexOf('"msg":"database closed"')).toBeGreaterThan(output.indexOf('draining: not ready'));
    } finally {
      await service.stop('SIGKILL');
      await scratch?.drop();
    }
  });
});

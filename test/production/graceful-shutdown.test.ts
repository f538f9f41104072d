import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createScratchDatabase, itOn } from '../support/mysql';
import { spawnCli } from '../support/spawn-cli';
import { CALLERS, gatewayHeaders, hospitalAudience } from '../support/tokens';
import { runCli } from '../support/run-cli';
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
function holdRequest(port: number, headers: Record<string, string>, query = QUERY): HeldRequest {
  const body = JSON.stringify({ query });
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

async function readyz(port: number): Promise<{ status: number; body: { status?: string } } | 'refused'> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`);
    return { status: response.status, body: (await response.json()) as { status?: string } };
  } catch {
    return 'refused';
  }
}

/** A request sent after the stop signal, on a new connection. */
async function lateRequest(port: number, headers: Record<string, string>): Promise<{ status: number; codes: string[]; connection: string | null }> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, codes: (body.errors ?? []).map((e) => String(e.extensions?.code)), connection: response.headers.get('connection') };
}

describe('SIGTERM on a hospital subgraph', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-sigterm-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  for (const kind of ['embedded', 'mysql'] as const)
    itOn(kind)(`on ${kind}: stops taking new work, finishes every in-flight request, closes the database, exits 0`, async () => {
      const scratch = kind === 'mysql' ? await createScratchDatabase('sigterm') : undefined;
      // NODE_ENV unset, as in production: Apollo Server's own signal handler is skipped only under NODE_ENV=test
      const service = await spawnCli(['hospital', '--id', 'dh-lead', '--port', '0'], {
        MEDALLIANCE_DATA_DIR: dataDir,
        MEDALLIANCE_SEED_PATIENTS: '40',
        DATABASE_URL: scratch?.url ?? '',
        NODE_ENV: undefined,
      });
      try {
        // one token per request: a subgraph accepts each gateway token once
        const signed = await Promise.all(
          Array.from({ length: IN_FLIGHT }, () => gatewayHeaders(CALLERS.clinician('dh-lead'), { dataDir, audience: hospitalAudience('dh-lead') }, { query: QUERY })),
        );
        expect(await readyz(service.port)).toMatchObject({ status: 200 });

        const held = signed.map((headers) => holdRequest(service.port, headers));
        await Promise.all(held.map((h) => h.accepted));

        const exited = once(service.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
        service.child.kill('SIGTERM');
        await waitForOutput(service, /draining: not ready/);
        // Still listening while requests are in flight: readiness says 503 (a load balancer
        // stops sending), and new work is refused with a code instead of a dropped connection.
        expect(await readyz(service.port)).toEqual({ status: 503, body: { status: 'draining', service: 'hospital' } });
        expect(
          await lateRequest(service.port, await gatewayHeaders(CALLERS.clinician('dh-lead'), { dataDir, audience: hospitalAudience('dh-lead') }, { query: '{ __typename }' })),
        ).toEqual({ status: 503, codes: ['MEMBER_UNAVAILABLE'], connection: 'close' });

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
        // stopped listening only after the drain
        expect(await readyz(service.port)).toBe('refused');
      } finally {
        await service.stop('SIGKILL');
        await scratch?.drop();
      }
    });
});

describe('SIGTERM on the gateway', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-sigterm-gw-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers /readyz 503 while a request is in flight, still finishes it, then exits 0', async () => {
    // an alliance that is not there: the gateway starts anyway (DESIGN 4) and holds no registry
    const token = (await runCli(['token', '--role', 'analyst'], { MEDALLIANCE_DATA_DIR: dataDir })).stdout.trim();
    const gateway = await spawnCli(['gateway', '--port', '0'], { MEDALLIANCE_DATA_DIR: dataDir, ALLIANCE_URL: 'http://127.0.0.1:9/graphql', NODE_ENV: undefined });
    try {
      const headers = { authorization: `Bearer ${token}` };
      const held = holdRequest(gateway.port, headers, '{ __typename }');
      await held.accepted;

      const exited = once(gateway.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
      gateway.child.kill('SIGTERM');
      await waitForOutput(gateway, /draining: not ready/);
      expect(await readyz(gateway.port)).toEqual({ status: 503, body: { status: 'draining' } });
      expect(await lateRequest(gateway.port, headers)).toMatchObject({ status: 503, connection: 'close' });

      const response = await held.finish();
      expect({ status: response.status, body: JSON.parse(response.body) }).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
      const [code, signal] = await exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
    } finally {
      await gateway.stop('SIGKILL');
    }
  });
});

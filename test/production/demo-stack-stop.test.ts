import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI } from '../support/spawn-cli';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Ctrl-C of `npm start` (`medalliance start`): the terminal sends SIGINT to the whole
 * process group, so the children hear it directly and again from their parent. Each must
 * stop once, cleanly (drain, close its database, exit 0), and the parent exits 0.
 */
describe('Ctrl-C of medalliance start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-stack-stop-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops every child cleanly and exits 0', async () => {
    const [gatewayPort, alliancePort, hospitalPort] = [await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: undefined,
      MEDALLIANCE_DATA_DIR: dataDir,
      GATEWAY_PORT: String(gatewayPort),
      ALLIANCE_PORT: String(alliancePort),
      HOSPITAL_BASE_PORT: String(hospitalPort),
      MEDALLIANCE_SEED_HOSPITALS: '1',
      MEDALLIANCE_SEED_PATIENTS: '20',
      MYSQL_URL: '',
      DATABASE_URL: '',
    };
    // its own process group, as a shell gives a foreground job
    const stack = spawn(process.execPath, [CLI, 'start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    stack.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const exited = once(stack, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      await new Promise<void>((resolve, reject) => {
        stack.stdout.on('data', (c: Buffer) => {
          stdout += c.toString('utf8');
          if (stdout.includes('Press Ctrl-C to stop everything.')) resolve();
        });
        stack.once('exit', () => reject(new Error(`start exited early:\n${stdout}\n${stderr}`)));
      });
      expect((await fetch(`http://127.0.0.1:${gatewayPort}/healthz`)).status).toBe(200);

      process.kill(-stack.pid!, 'SIGINT');
      const [code, signal] = await exited;
      expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
      expect(stdout).toMatch(/Stopping the demo alliance …\nStopped\.\n$/);
      for (const name of ['alliance', 'dh-lead']) {
        const log = readFileSync(path.join(dataDir, 'logs', `${name}.log`), 'utf8');
        expect(log).toMatch(/"msg":"draining: not ready, finishing in-flight requests"/);
        expect(log).toMatch(/"msg":"database closed"/);
      }
      expect(readFileSync(path.join(dataDir, 'logs', 'gateway.log'), 'utf8')).toMatch(/"msg":"gateway stopping"/);
    } finally {
      if (stack.exitCode === null) process.kill(-stack.pid!, 'SIGKILL');
    }
  });
});

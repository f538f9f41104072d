import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, runCli } from '../support/run-cli';

/** Free ports from the OS, released again for the stack to take. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = net.createServer();
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      return server;
    }),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** `medalliance start` in the background, once it printed that everything runs. */
async function startStack(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [CLI, 'start'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Press Ctrl-C to stop everything')) resolve();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code) => reject(new Error(`start exited (${code}) before the stack ran:\n${output.slice(-2000)}`)));
  });
  return { child, output: () => output };
}

/**
 * `npm start` as a new user meets it: ports are checked before anything starts, a busy
 * port is named with the setting that moves it, and a second start says the demo is
 * already running instead of failing on EADDRINUSE.
 */
describe('medalliance start', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medalliance-start-'));
  let stack: { child: ChildProcess; output: () => string } | undefined;
  let env: NodeJS.ProcessEnv;
  let gatewayPort: number;

  beforeAll(async () => {
    const [gateway, alliance, member] = await freePorts(3);
    gatewayPort = gateway;
    // two members on ports after HOSPITAL_BASE_PORT: the OS gave one free port, the next is checked by the stack itself
    env = {
      MEDALLIANCE_DATA_DIR: dataDir,
      MEDALLIANCE_SEED_HOSPITALS: '2',
      MEDALLIANCE_SEED_PATIENTS: '20',
      GATEWAY_PORT: String(gateway),
      ALLIANCE_PORT: String(alliance),
      HOSPITAL_BASE_PORT: String(member),
      NODE_ENV: '',
    };
  });

  afterAll(async () => {
    if (stack && stack.child.exitCode === null) {
      const exited = once(stack.child, 'exit');
      stack.child.kill('SIGINT');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names a busy port and the setting that moves it, before starting anything', async () => {
    const blocker = net.createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      const scratch = mkdtempSync(path.join(tmpdir(), 'medalliance-start-busy-'));
      const result = await runCli(['start'], { ...env, MEDALLIANCE_DATA_DIR: scratch, ALLIANCE_PORT: String(busy) });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(`port ${busy} (alliance subgraph) is in use by another program: set ALLIANCE_PORT=`);
      expect(result.stderr).not.toMatch(/EADDRINUSE|\n\s+at /);
      // nothing was started: no process wrote a log
      expect(existsSync(path.join(scratch, 'logs'))).toBe(false);
      rmSync(scratch, { recursive: true, force: true });
    } finally {
      blocker.close();
    }
  });

  it('starts on the configured ports, prints GraphiQL with the token in its fragment, and a second start says it is already running', async () => {
    stack = await startStack(env);
    expect(stack.output()).toMatch(new RegExp(`GraphiQL: +http://127\\.0\\.0\\.1:${gatewayPort}/graphql#token=ey`));
    const health = await fetch(`http://127.0.0.1:${gatewayPort}/healthz`);
    expect(health.status).toBe(200);

    const second = await runCli(['start'], env);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`The demo alliance is already running: GraphiQL at http://127.0.0.1:${gatewayPort}/graphql`);
    expect(second.stderr).not.toMatch(/EADDRINUSE|\n\s+at /);
    // the running stack is untouched
    expect((await fetch(`http://127.0.0.1:${gatewayPort}/healthz`)).status).toBe(200);
  }, 240_000);
});

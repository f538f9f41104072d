import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';

export const CLI = path.resolve(__dirname, '../../dist/cli/index.js');

export interface SpawnedService {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything the process printed so far (for assertions that PHI is not logged). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `medalliance <args>` from the built CLI and resolves once the process logs
 * that it is listening (a JSON line with a `port`). Never sleeps: it waits for that line
 * or for the process to exit.
 */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}, readyPattern = /listening/): Promise<SpawnedService> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      for (const line of buffer.split('\n')) {
        if (!readyPattern.test(line)) continue;
        try {
          const record = JSON.parse(line) as { port?: number; url?: string };
          if (typeof record.port === 'number') {
            cleanup();
            const port = record.port;
            resolve({
              child,
              port,
              url: record.url ?? `http://127.0.0.1:${port}/graphql`,
              output: () => buffer,
              async stop(signal = 'SIGTERM') {
                if (child.exitCode !== null || child.signalCode !== null) return;
                child.kill(signal);
                await once(child, 'exit');
              },
            });
            return;
          }
        } catch {
          /* not a JSON line */
        }
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`medalliance ${args.join(' ')} exited with ${code} before listening:\n${buffer.slice(-2000)}`));
    };
    function cleanup() {
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.off('exit', onExit);
      // keep collecting output for later assertions
      child.stdout!.on('data', (c: Buffer) => (buffer += c.toString('utf8')));
      child.stderr!.on('data', (c: Buffer) => (buffer += c.toString('utf8')));
    }
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
}

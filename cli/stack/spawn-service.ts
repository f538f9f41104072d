import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

/** The built CLI entry point (dist/cli/index.js), also when this file runs from source under jest. */
export const CLI_ENTRY = __filename.endsWith('.js') ? path.resolve(__dirname, '../index.js') : path.resolve(__dirname, '../../dist/cli/index.js');

export interface SpawnedService {
  name: string;
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** A log line that marks the service as ready; it must be JSON with a numeric `port`. */
  readyPattern?: RegExp;
  /** Receives every chunk the process prints (e.g. to write a log file). */
  onOutput?: (chunk: string) => void;
}

function readyRecord(line: string, pattern: RegExp): { port: number; url?: string } | undefined {
  if (!pattern.test(line)) return undefined;
  try {
    const record = JSON.parse(line) as { port?: unknown; url?: unknown };
    if (typeof record.port === 'number') return { port: record.port, url: typeof record.url === 'string' ? record.url : undefined };
  } catch {
    /* not a JSON log line */
  }
  return undefined;
}

/**
 * Starts `medalliance <args>` as a child process and resolves once it logs that it is
 * listening. Never polls or sleeps: it waits for that line or for the process to exit.
 */
export function spawnService(options: SpawnOptions): Promise<SpawnedService> {
  const pattern = options.readyPattern ?? /listening/;
  const child = spawn(process.execPath, [CLI_ENTRY, ...options.args], { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let buffer = '';
  let pending = '';
  return new Promise((resolve, reject) => {
    let settled = false;
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      buffer += text;
      options.onOutput?.(text);
      if (settled) return;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const record = readyRecord(line, pattern);
        if (!record) continue;
        settled = true;
        child.off('exit', onEarlyExit);
        resolve({
          name: options.name,
          child,
          port: record.port,
          url: record.url ?? `http://127.0.0.1:${record.port}/graphql`,
          output: () => buffer,
          async stop(signal = 'SIGTERM') {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const exited = once(child, 'exit');
            child.kill(signal);
            await exited;
          },
        });
        return;
      }
    };
    const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      reject(new Error(`${options.name} exited (${signal ?? code}) before it was ready:\n${buffer.slice(-2000)}`));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', onEarlyExit);
  });
}

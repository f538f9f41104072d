import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { inspect } from 'node:util';
import { CLI_ENTRY } from '../../cli/stack/spawn-service';

export interface BenchProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** The ready log record, e.g. a proxy's list of URLs. */
  record: Record<string, unknown>;
  /** The last few kilobytes the process printed (for failures). */
  tail(): string;
  stop(): Promise<void>;
}

const TAIL_BYTES = 4096;
const running = new Set<BenchProcess>();
const children = new Set<ChildProcess>();
const START_TIMEOUT_MS = 180_000;

/**
 * Every process of the bench (ours, the baselines, the canned members, the proxies) runs as
 * the image runs it (Dockerfile: `NODE_ENV=production`). graphql-js, which every gateway and
 * subgraph here executes with, checks every `instanceof` of its own types for a second copy
 * of itself unless NODE_ENV is production; Apollo Server and Express read it too. A NODE_ENV
 * in the bench's own environment wins, to measure another setting.
 */
export const BENCH_NODE_ENV = process.env.NODE_ENV ?? 'production';

function readyRecord(line: string, pattern: RegExp): Record<string, unknown> | undefined {
  if (!pattern.test(line)) return undefined;
  try {
    const record = JSON.parse(line) as Record<string, unknown>;
    return typeof record.port === 'number' ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts `node [nodeArgs] script args` and resolves on its JSON "listening" log line.
 * After that, output is only kept as a short tail: a gateway logging every request must
 * not grow the bench's memory. Every process is remembered so that `stopAll` ends it.
 */
export function startNode(
  name: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { nodeArgs?: string[]; readyPattern?: RegExp } = {},
): Promise<BenchProcess> {
  const pattern = options.readyPattern ?? /listening/;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    env: { ...process.env, NODE_ENV: BENCH_NODE_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let pending = '';
  let ready = false;
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} was not ready within ${START_TIMEOUT_MS / 1000} s:\n${tail}`));
    }, START_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      tail = (tail + text).slice(-TAIL_BYTES);
      if (ready) return;
      const lines = (pending + text).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const record = readyRecord(line, pattern);
        if (!record) continue;
        ready = true;
        clearTimeout(timer);
        pending = '';
        child.off('exit', early);
        const port = record.port as number;
        const proc: BenchProcess = {
          name,
          child,
          pid: child.pid!,
          port,
          url: typeof record.url === 'string' ? record.url : `http://127.0.0.1:${port}/graphql`,
          record,
          tail: () => tail,
          async stop() {
            running.delete(proc);
            if (child.exitCode !== null || child.signalCode !== null) return;
            const exited = once(child, 'exit');
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            await exited;
            clearTimeout(timer);
          },
        };
        running.add(proc);
        resolve(proc);
        return;
      }
    };
    const early = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${tail}`));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', early);
  });
}

/** `medalliance <args>` from the built CLI (this build's, or the one at `entry`). */
export function startCli(name: string, args: string[], env: NodeJS.ProcessEnv, nodeArgs?: string[], entry = CLI_ENTRY): Promise<BenchProcess> {
  return startNode(name, entry, args, env, { nodeArgs });
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

/** Last resort when the bench itself dies: no child outlives it. */
export function killAllNow(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
}

/** A development tool's output: one line on stdout. */
export function printLine(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The main of a development tool: every child process ends with it, an error exits 1. */
export function runDevTool(main: () => Promise<void>): void {
  process.once('exit', killAllNow);
  main()
    .finally(stopAll)
    .catch((error) => {
      process.stderr.write(`${inspect(error)}\n`);
      killAllNow();
      process.exit(1);
    });
}

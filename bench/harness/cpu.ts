import { readFileSync } from 'node:fs';

/** User + system CPU time of a process so far, in ms (Linux /proc; clock ticks are 10 ms). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** CPU spent by the given processes between start and stop, per answered request. */
export function cpuPerRequest(pids: Record<string, number>): { stop(requests: number): Record<string, number> } {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  return {
    stop(requests) {
      // no answer in the window: no figure, rather than the window's whole CPU as the cost of one request
      return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, requests > 0 ? Math.round(((cpuMs(pid) - before[name]) / requests) * 1000) / 1000 : NaN]));
    },
  };
}

/**
 * Resolves once the processes together use less than `busyShare` of one core over a
 * 500 ms window (seeding, first database writes and JIT of a fresh stack are done), or
 * after `maxMs` whatever they do: the first measurement of a run must not pay for the start.
 */
export async function waitForQuiet(pids: number[], maxMs = 30_000, busyShare = 0.05): Promise<void> {
  const windowMs = 500;
  const deadline = Date.now() + maxMs;
  const total = () => pids.reduce((sum, pid) => sum + (cpuMs(pid) || 0), 0);
  while (Date.now() < deadline) {
    const before = total();
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    if (total() - before <= windowMs * busyShare) return;
  }
}

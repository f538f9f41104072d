import { readFileSync } from 'node:fs';

export interface RssFigures {
  samples: number;
  maxMb: number;
  meanMb: number;
}

function vmRssKb(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's resident set (Linux /proc) every `intervalMs` until stopped. */
export function sampleRss(pid: number, intervalMs = 250): { stop(): RssFigures } {
  const values: number[] = [];
  const take = () => {
    const kb = vmRssKb(pid);
    if (kb !== undefined) values.push(kb);
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;
      return { samples: values.length, maxMb: mb(Math.max(...values, 0)), meanMb: mb(values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1)) };
    },
  };
}

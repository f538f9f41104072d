import type { SpawnedService } from '../../support/spawn-cli';

/**
 * Resolves when the service has logged a JSON line matching `match` (already or later):
 * waits on the process's own output events, never on a timer.
 */
export function waitForLog(service: SpawnedService, match: (record: Record<string, unknown>) => boolean, after = 0): Promise<Record<string, unknown>> {
  const find = (): Record<string, unknown> | undefined => {
    for (const line of service.output().slice(after).split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const record = JSON.parse(line) as Record<string, unknown>;
        if (match(record)) return record;
      } catch {
        /* a partial line: the next chunk completes it */
      }
    }
    return undefined;
  };
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = find();
      if (!found) return;
      cleanup();
      resolve(found);
    };
    const onExit = () => {
      cleanup();
      reject(new Error(`process exited before logging the expected line:\n${service.output().slice(-1500)}`));
    };
    // the collector in spawnCli appends on 'data' before this listener runs
    const onData = () => setImmediate(check);
    const cleanup = () => {
      service.child.stdout!.off('data', onData);
      service.child.stderr!.off('data', onData);
      service.child.off('exit', onExit);
    };
    service.child.stdout!.on('data', onData);
    service.child.stderr!.on('data', onData);
    service.child.once('exit', onExit);
    check();
  });
}

import type { SpawnedService } from '../../cli/stack/spawn-service';

/**
 * Resolves when the process has printed a line matching `pattern` (already printed
 * counts); rejects if it exits first. Waits on the output stream, never on a timer.
 */
export function waitForOutput(service: SpawnedService, pattern: RegExp): Promise<void> {
  const { child } = service;
  return new Promise((resolve, reject) => {
    if (pattern.test(service.output())) {
      resolve();
      return;
    }
    const onData = () => {
      // The service's own collector appends each chunk first (it was attached earlier).
      if (!pattern.test(service.output())) return;
      cleanup();
      resolve();
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`${service.name} exited (${code}) before printing ${pattern}:\n${service.output().slice(-1500)}`));
    };
    const cleanup = () => {
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

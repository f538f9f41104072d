import { UsageError } from './usage-error';

/** `--port N` wins over the configured port; 0 asks the OS for a free one. */
export function portFlag(raw: string | undefined, configured: number): number;
export function portFlag(raw: string | undefined, configured: number | undefined): number | undefined;
export function portFlag(raw: string | undefined, configured: number | undefined): number | undefined {
  if (raw === undefined) return configured;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new UsageError(`--port must be a port number, got "${raw}".`);
  return Number(raw);
}

import { loadConfig } from '../config/load-config';
import { tracingSettings } from '../config/tracing-settings';

let stop: (() => Promise<void>) | undefined;

/**
 * Turns tracing on when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise loads nothing of
 * OpenTelemetry. Call before the command's modules are required.
 */
export function startTracingFromEnv(defaultServiceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const config = loadConfig(tracingSettings, env);
  if (!config.otlpEndpoint) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing } = require('./start-tracing') as typeof import('./start-tracing');
  stop = startTracing({ otlpEndpoint: config.otlpEndpoint, serviceName: config.serviceName ?? defaultServiceName, exportDelayMs: config.exportDelayMs });
  return true;
}

/** Exports what is buffered; a no-op when tracing is off. */
export async function flushTracing(): Promise<void> {
  await stop?.().catch(() => undefined);
  stop = undefined;
}

import Module from 'node:module';
import path from 'node:path';

/**
 * `@apollo/gateway` 2.x sends the host's uptime, CPU and memory figures to Apollo every
 * hour, and at construction probes the AWS, GCP, Azure and Alibaba metadata endpoints,
 * unless `APOLLO_TELEMETRY_DISABLED` is set. Nothing about a hospital's gateway leaves the
 * alliance, so it is off unless an operator sets the variable explicitly. With it off, the
 * modules that only that reporting uses (an OpenTelemetry metrics SDK, its exporter and
 * the cloud detectors: about 30 MB of the gateway's memory) are not loaded either.
 * Imported first by `start-gateway.ts`, before anything loads `@apollo/gateway`.
 */
const REPORTING_ONLY = new Set([
  '@opentelemetry/sdk-metrics',
  '@opentelemetry/exporter-metrics-otlp-http',
  '@opentelemetry/resources',
  '@opentelemetry/semantic-conventions/incubating',
  '@opentelemetry/resource-detector-alibaba-cloud',
  '@opentelemetry/resource-detector-aws',
  '@opentelemetry/resource-detector-gcp',
  '@opentelemetry/resource-detector-azure',
]);
/** The one module of @apollo/gateway that requires them (checked by test/gateway/apollo-telemetry.test.ts). */
const REPORTER = path.join('@apollo', 'gateway', 'dist', 'utilities', 'opentelemetry.js');

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;

const apolloTelemetryDisabled = (): boolean => ['true', '1'].includes(process.env.APOLLO_TELEMETRY_DISABLED ?? '');

if (process.env.APOLLO_TELEMETRY_DISABLED === undefined) process.env.APOLLO_TELEMETRY_DISABLED = 'true';
if (apolloTelemetryDisabled()) {
  const loader = Module as unknown as { _load: Load };
  const load = loader._load;
  loader._load = function loadUnlessReportingOnly(this: unknown, request, parent, isMain) {
    // only for that one module, and its uses of them all sit behind the same switch
    if (REPORTING_ONLY.has(request) && parent?.filename?.endsWith(REPORTER)) return {};
    return load.call(this, request, parent, isMain);
  };
}

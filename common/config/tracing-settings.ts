import { intSetting, stringSetting, urlSetting } from './setting';

/** Optional OpenTelemetry tracing: on only when an OTLP endpoint is set. Read by every process. */
export const tracingSettings = {
  otlpEndpoint: urlSetting('OTEL_EXPORTER_OTLP_ENDPOINT', 'OTLP/HTTP collector base URL (traces go to <url>/v1/traces); unset = tracing off.', ['http:', 'https:']),
  serviceName: stringSetting('OTEL_SERVICE_NAME', 'Service name on the spans; default medalliance-<command> (e.g. medalliance-hospital-dh-lead).'),
  exportDelayMs: intSetting('OTEL_BSP_SCHEDULE_DELAY', 'Milliseconds between span exports.', 5000, 50, 60000),
};

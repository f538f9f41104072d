import type { Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { REQUEST_ID_HEADER, safeRequestId } from '../http/request-id';
import { REDACTED_QUERY_PARAMS, redactedTarget } from './redact-span-location';

export const REQUEST_ID_ATTRIBUTE = 'medalliance.request_id';

export interface TracingOptions {
  otlpEndpoint: string;
  serviceName: string;
  exportDelayMs: number;
}

/**
 * OpenTelemetry tracing across the gateway and the subgraphs (DESIGN 7 production shape):
 * server spans for every HTTP request, client spans for every subgraph call (undici and
 * node:http), W3C trace context propagated, the request id on each span. Must run before
 * the command's modules load, so that http and undici are instrumented. Apollo Gateway's
 * own spans (plan, fetch) join the same traces through the global tracer provider.
 */
export function startTracing(options: TracingOptions): () => Promise<void> {
  const exporter = new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: options.exportDelayMs })],
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        redactedQueryParams: REDACTED_QUERY_PARAMS,
        redactedQueryParamsServer: REDACTED_QUERY_PARAMS,
        // the exporter's own calls are not traced
        ignoreOutgoingRequestHook: (request) => (request.path ?? '').startsWith('/v1/traces'),
        requestHook: (span: Span, request) => {
          if ('socket' in request && 'headers' in request) {
            const incoming = request;
            const target = redactedTarget(incoming.url);
            span.setAttributes({ 'http.target': target, 'url.path': target });
            const id = safeRequestId(incoming.headers[REQUEST_ID_HEADER]);
            if (id) span.setAttribute(REQUEST_ID_ATTRIBUTE, id);
          }
        },
        responseHook: (span: Span, response) => {
          // the gateway generates an id when the caller sent none, and echoes it
          const headers = 'getHeaders' in response ? (response.getHeaders() as Record<string, string>) : (response.headers as Record<string, string>);
          const id = safeRequestId((headers ?? {})[REQUEST_ID_HEADER]);
          if (id) span.setAttribute(REQUEST_ID_ATTRIBUTE, id);
        },
      }),
      new UndiciInstrumentation({
        requestHook: (span, request) => {
          const headers = Array.isArray(request.headers) ? request.headers : String(request.headers).split('\r\n');
          for (let i = 0; i < headers.length; i += 1) {
            const line = String(headers[i]);
            if (line.toLowerCase().startsWith('x-request-id:')) span.setAttribute(REQUEST_ID_ATTRIBUTE, line.slice(13).trim());
            else if (line.toLowerCase() === 'x-request-id' && headers[i + 1] !== undefined) span.setAttribute(REQUEST_ID_ATTRIBUTE, String(headers[i + 1]));
          }
        },
      }),
    ],
  });
  return () => provider.shutdown();
}

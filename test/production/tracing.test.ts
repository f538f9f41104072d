import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { postGraphQL } from '../support/graphql-client';
import { startRealAlliance, type RealAlliance } from '../gateway/support/real-alliance';

/**
 * OpenTelemetry across processes: a collector stand-in (outside the system) receives
 * OTLP/JSON from the gateway and the subgraphs; one request's spans share a trace and
 * carry its request id, and no span carries the query string of a GraphQL GET.
 */
interface CollectedSpan {
  service: string;
  traceId: string;
  name: string;
  attributes: Record<string, unknown>;
}

function startCollector() {
  const spans: CollectedSpan[] = [];
  const raw: string[] = [];
  const waiters: { predicate: () => boolean; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      raw.push(body);
      try {
        const payload = JSON.parse(body) as { resourceSpans?: any[] };
        for (const resourceSpans of payload.resourceSpans ?? []) {
          const service = resourceSpans.resource?.attributes?.find((a: any) => a.key === 'service.name')?.value?.stringValue ?? '';
          for (const scope of resourceSpans.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              const attributes = Object.fromEntries((span.attributes ?? []).map((a: any) => [a.key, Object.values(a.value ?? {})[0]]));
              spans.push({ service, traceId: span.traceId, name: span.name, attributes });
            }
          }
        }
      } catch {
        /* not JSON: counted in raw only */
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      for (const waiter of [...waiters]) {
        if (waiter.predicate()) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
  });
  return {
    spans,
    raw,
    async listen(): Promise<string> {
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    until(predicate: () => boolean): Promise<void> {
      if (predicate()) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  const collector = startCollector();
  let stack: RealAlliance;

  beforeAll(async () => {
    const endpoint = await collector.listen();
    stack = await startRealAlliance({ running: ['dh-lead'], env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' } });
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await collector.close();
  });

  it('puts the gateway and the member it called into one trace, each span with the request id', async () => {
    const { body, headers } = await postGraphQL(stack.gateway.url, '{ departments(hospitalIds: ["dh-lead"]) { name } }', undefined, {
      ...(await stack.headers('analyst')),
      'x-request-id': 'trace-check-0001',
    });
    expect(body.data.departments.length).toBeGreaterThan(0);
    // the gateway's own id, not the caller's, names the request in every span
    const requestId = headers.get('x-request-id');

    const tagged = () => collector.spans.filter((s) => s.attributes['medalliance.request_id'] === requestId);
    await collector.until(() => tagged().some((s) => s.service === 'medalliance-gateway') && tagged().some((s) => s.service === 'medalliance-hospital-dh-lead'));
    const gatewayTraces = new Set(
      tagged()
        .filter((s) => s.service === 'medalliance-gateway')
        .map((s) => s.traceId),
    );
    const memberSpans = tagged().filter((s) => s.service === 'medalliance-hospital-dh-lead');
    expect(memberSpans.every((s) => gatewayTraces.has(s.traceId))).toBe(true);
  });

  it('keeps GraphQL GET query strings (which may hold patient identifiers) out of every span', async () => {
    const marker = 'LEAD0999999';
    const url = `${stack.gateway.url}?query=${encodeURIComponent(`query Q($m: String!) { departments(specialty: $m) { name } }`)}&variables=${encodeURIComponent(JSON.stringify({ m: marker }))}`;
    const response = await fetch(url, { headers: { ...(await stack.headers('analyst')), 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    await collector.until(() => collector.spans.some((s) => s.attributes['medalliance.request_id'] === requestId && s.service === 'medalliance-gateway'));
    expect(collector.raw.join('\n')).not.toContain(marker);
  });
});

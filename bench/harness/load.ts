import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  /** Request headers; read per request so that refreshed tokens are picked up. */
  headers: () => Record<string, string>;
  /** The i-th request's GraphQL body (query + variables), so that ids vary per request. */
  body: (i: number) => { query: string; variables?: Record<string, unknown> };
  connections: number;
  seconds: number;
  warmupSeconds: number;
  /** Requests per second over all connections; unset = as fast as answers come (closed loop). */
  overallRate?: number;
  /** Called after the warm-up, as the measured run starts. */
  onMeasureStart?: () => void;
}

export interface LoadFigures {
  connections: number;
  seconds: number;
  overallRate: number | null;
  requests: number;
  /** Answered 2xx per second. */
  throughput: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  non2xx: number;
  errors: number;
}

function once(spec: LoadSpec, seconds: number): Promise<autocannon.Result> {
  let i = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: seconds,
        timeout: 10,
        ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({
              ...request,
              method: 'POST',
              headers: { 'content-type': 'application/json', accept: 'application/json', ...spec.headers() },
              body: JSON.stringify(spec.body(i++)),
            }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A warm-up (discarded), then the measured run: throughput and latency percentiles. */
export async function measure(spec: LoadSpec): Promise<LoadFigures> {
  if (spec.warmupSeconds > 0) await once(spec, spec.warmupSeconds);
  spec.onMeasureStart?.();
  const result = await once(spec, spec.seconds);
  return {
    connections: spec.connections,
    seconds: spec.seconds,
    overallRate: spec.overallRate ?? null,
    requests: result.requests.total,
    throughput: round(result['2xx'] / result.duration, 1),
    p50Ms: round(result.latency.p50),
    p90Ms: round(result.latency.p90),
    p99Ms: round(result.latency.p99),
    meanMs: round(result.latency.mean),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * One request per sample body before a measurement: an answer with errors or without
 * data would make a fast but meaningless figure, so it stops the bench instead.
 */
export async function verify(spec: Pick<LoadSpec, 'url' | 'headers' | 'body'>, samples: number, check: (data: Record<string, unknown>) => boolean): Promise<void> {
  for (let i = 0; i < samples; i++) {
    const response = await fetch(spec.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...spec.headers() }, body: JSON.stringify(spec.body(i)) });
    const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };
    if (answer.errors?.length || !answer.data || !check(answer.data)) {
      const codes = (answer.errors ?? []).map((e) => e.extensions?.code ?? e.message).join(', ');
      throw new Error(`${spec.url} answered status ${response.status} with ${codes || 'unexpected data'}`);
    }
  }
}

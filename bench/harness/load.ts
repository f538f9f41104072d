import http from 'node:http';
import autocannon from 'autocannon';
import { cpuPerRequest } from './cpu';

export interface LoadSpec {
  url: string;
  /** Request headers of one request, given its body (a gateway token is signed per call, for its body). */
  headers: (body: { query: string; variables?: Record<string, unknown> }) => Record<string, string>;
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
        // autocannon "corrects" rate-limited latencies for coordinated omission with an
        // expected interval of Math.ceil(1 / rate) = 1 ms, which adds a made-up sample for
        // every millisecond below each real one and halves the median
        ...(spec.overallRate ? { overallRate: spec.overallRate, ignoreCoordinatedOmission: true } : {}),
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const body = spec.body(i++);
              return { ...request, method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...spec.headers(body) }, body: JSON.stringify(body) };
            },
          },
        ],
      },
      (error: Error | null, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** `measure`, with the CPU per answered request of each named process over the measured run (not the warm-up). */
export async function measureWithCpu(spec: LoadSpec, pids: Record<string, number>): Promise<{ load: LoadFigures; cpuMsPerRequest: Record<string, number> }> {
  let cpu: ReturnType<typeof cpuPerRequest> | undefined;
  const load = await measure({ ...spec, onMeasureStart: () => (cpu = cpuPerRequest(pids)) });
  return { load, cpuMsPerRequest: cpu!.stop(load.requests) };
}

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
    const body = spec.body(i);
    const response = await fetch(spec.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...spec.headers(body) },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };
    if (answer.errors?.length || !answer.data || !check(answer.data)) {
      const codes = (answer.errors ?? []).map((e) => e.extensions?.code ?? e.message).join(', ');
      throw new Error(`${spec.url} answered status ${response.status} with ${codes || 'unexpected data'}`);
    }
  }
}

export interface LatencyFigures {
  samples: number;
  /** Time from one request's start to the next one's, when the answer came back in time. */
  intervalMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  minMs: number;
  maxMs: number;
  non2xx: number;
  errors: number;
}

function post(agent: http.Agent, url: URL, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (response) => {
        response.on('data', () => undefined);
        response.once('end', () => resolve(response.statusCode ?? 0));
        response.once('error', reject);
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error('timeout')));
    request.once('error', reject);
    request.end(body);
  });
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] : NaN;
}

type Sender = (i: number) => Promise<number>;

/** A way of sending the i-th sample request, and of letting its sockets go. */
export interface SampleSender {
  send: Sender;
  close(): void;
}

interface Timed {
  latencies: number[];
  non2xx: number;
  errors: number;
}

function figuresOf(timed: Timed, intervalMs: number): LatencyFigures {
  const sorted = [...timed.latencies].sort((a, b) => a - b);
  return {
    samples: sorted.length,
    intervalMs,
    p50Ms: round(percentile(sorted, 50), 1),
    p90Ms: round(percentile(sorted, 90), 1),
    p99Ms: round(percentile(sorted, 99), 1),
    meanMs: round(sorted.reduce((a, b) => a + b, 0) / Math.max(sorted.length, 1), 1),
    minMs: round(sorted[0] ?? NaN, 1),
    maxMs: round(sorted[sorted.length - 1] ?? NaN, 1),
    non2xx: timed.non2xx,
    errors: timed.errors,
  };
}

/**
 * `samples` requests of each sender, one at a time, the senders taking turns, one started
 * every `intervalMs` (or as soon as the previous answer is in, if that took longer). Taking
 * turns puts every sender on the same machine at the same moments, so a noisy spell costs
 * them alike and their ratio holds. Latency is taken per request with a sub-millisecond
 * clock from writing the request to the end of the answer, and every sample is real.
 */
export async function sampleInTurns(senders: SampleSender[], samples: number, intervalMs: number): Promise<LatencyFigures[]> {
  const timed: Timed[] = senders.map(() => ({ latencies: [], non2xx: 0, errors: 0 }));
  const start = performance.now();
  try {
    for (let i = 0; i < samples * senders.length; i++) {
      const wait = start + i * intervalMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const turn = timed[i % senders.length];
      const began = performance.now();
      try {
        const status = await senders[i % senders.length].send(Math.floor(i / senders.length));
        if (status >= 200 && status < 300) turn.latencies.push(performance.now() - began);
        else turn.non2xx += 1;
      } catch {
        turn.errors += 1;
      }
    }
  } finally {
    for (const sender of senders) sender.close();
  }
  return timed.map((t) => figuresOf(t, intervalMs));
}

/** Requests of `spec` over one kept-alive connection: each queues behind no other of ours. */
export function latencySender(spec: Pick<LoadSpec, 'url' | 'headers' | 'body'>): SampleSender {
  const url = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    send: (i) => {
      const body = spec.body(i);
      return post(agent, url, spec.headers(body), JSON.stringify(body));
    },
    close: () => agent.destroy(),
  };
}

/**
 * The fan-out without a gateway: each sample posts the i-th body to every URL at once and
 * lasts until the slowest answer is in (the worst status counts). What is left of a
 * gateway's latency above this is the gateway's own.
 */
export function fanOutSender(urls: string[], body: (i: number) => unknown): SampleSender {
  const targets = urls.map((u) => new URL(u));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    async send(i) {
      const text = JSON.stringify(body(i));
      const statuses = await Promise.all(targets.map((url) => post(agent, url, {}, text)));
      return statuses.find((s) => s < 200 || s >= 300) ?? 200;
    },
    close: () => agent.destroy(),
  };
}

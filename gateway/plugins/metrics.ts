import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { BREAKER_STATE_VALUE, type BreakerState } from '../transport/circuit-breaker';
import type { MemberFetchObserver, MemberOutcome } from '../transport/member-fetch';
import type { GatewayContext } from '../gateway-context';

const MAX_OPERATION_LABELS = 200;

/**
 * Prometheus metrics of the gateway (DESIGN 4): request rate and latency per operation,
 * latency and errors per member, breaker state. Operation names come from callers, so
 * the label is sanitised and capped to keep the series count bounded.
 */
export class GatewayMetrics implements MemberFetchObserver {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests = new Counter({
    name: 'medalliance_gateway_requests_total',
    help: 'GraphQL requests by operation and outcome (ok, partial, error).',
    labelNames: ['operation', 'outcome'],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'medalliance_gateway_request_duration_seconds',
    help: 'GraphQL request latency by operation.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly memberDuration = new Histogram({
    name: 'medalliance_gateway_member_request_duration_seconds',
    help: 'Latency of requests to member hospitals.',
    labelNames: ['hospital_id', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [this.registry],
  });
  private readonly memberErrors = new Counter({
    name: 'medalliance_gateway_member_errors_total',
    help: 'Member requests that failed, by reason.',
    labelNames: ['hospital_id', 'reason'],
    registers: [this.registry],
  });
  private readonly fastPath = new Counter({
    name: 'medalliance_gateway_fast_path_requests_total',
    help: 'GraphQL requests answered from a learned single-fetch plan by the fast path step, without the executor (gateway/fast-path/).',
    registers: [this.registry],
  });
  private readonly breaker = new Gauge({
    name: 'medalliance_gateway_member_breaker_state',
    help: 'Circuit breaker per member: 0 closed, 1 half-open, 2 open.',
    labelNames: ['hospital_id'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'medalliance_gateway_' });
  }

  operationLabel(name: string | null | undefined): string {
    if (!name || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }

  memberRequest(hospitalId: string, seconds: number, outcome: MemberOutcome): void {
    if (outcome === 'ok' || outcome === 'failed' || outcome === 'timeout') this.memberDuration.observe({ hospital_id: hospitalId, outcome }, seconds);
    if (outcome !== 'ok') this.memberErrors.inc({ hospital_id: hospitalId, reason: outcome });
  }

  breakerState(hospitalId: string, state: BreakerState): void {
    this.breaker.set({ hospital_id: hospitalId }, BREAKER_STATE_VALUE[state]);
  }

  /** One finished GraphQL request, whether the executor or the fast path step answered it. */
  graphqlRequest(operationName: string | null | undefined, startedNs: bigint, body: { data?: unknown; errors?: readonly unknown[] } | undefined): void {
    const operation = this.operationLabel(operationName);
    const outcome = !body?.errors?.length ? 'ok' : body.data ? 'partial' : 'error';
    this.duration.observe({ operation }, Number(process.hrtime.bigint() - startedNs) / 1e9);
    this.requests.inc({ operation, outcome });
  }

  /** Requests answered by the fast path, so operators can see it at work. */
  fastPathRequest(): void {
    this.fastPath.inc();
  }

  plugin(): ApolloServerPlugin<GatewayContext> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async ({ response, operationName }) => {
            this.graphqlRequest(operationName, started, response.body.kind === 'single' ? response.body.singleResult : undefined);
          },
        };
      },
    };
  }
}

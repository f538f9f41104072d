import type { ClientTls } from '../../common/config/tls-settings';
import { MemberUnavailableError, stripLocations } from '../../common/errors';
import type { Logger } from '../../common/log';
import { CircuitBreaker, type BreakerState } from '../fanout/circuit-breaker';
import type { MemberError } from '../fanout/remap-error-paths';
import type { Member } from '../registry/member';
import { createHttpAgent } from './http-agent';
import { AnswerTooLargeError, isGraphQLBody, postJson } from './post-json';

export interface MemberFetchOptions {
  timeoutMs: number;
  maxSockets: number;
  keepAliveMs: number;
  breakerFailureThreshold: number;
  breakerCooldownMs: number;
  /** Largest member answer read, in bytes; larger is MEMBER_UNAVAILABLE for that member. */
  maxAnswerBytes?: number;
  logger: Logger;
  observer?: MemberFetchObserver;
  /** CA bundle and client certificate for https:// member URLs. */
  tls?: ClientTls;
}

export type MemberOutcome = 'ok' | 'failed' | 'timeout' | 'circuit-open' | 'not-verified' | 'incompatible' | 'too-large' | 'cancelled';

/** Metrics hook: one call per member request, and on every breaker change. */
export interface MemberFetchObserver {
  memberRequest(hospitalId: string, seconds: number, outcome: MemberOutcome): void;
  breakerState(hospitalId: string, state: BreakerState): void;
}

export const SERVICE_SDL_QUERY = '{ _service { sdl } }';

export interface MemberRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface MemberResponse {
  data?: Record<string, unknown> | null;
  errors?: MemberError[];
}

const REASONS: Record<Exclude<MemberOutcome, 'ok'>, string> = {
  failed: 'did not answer',
  timeout: 'timed out',
  'circuit-open': 'is temporarily cut off after repeated failures',
  'not-verified': 'has not passed the contract check yet',
  incompatible: 'does not serve the hospital contract',
  'too-large': 'answered more than the gateway accepts from one member',
  cancelled: 'was not asked to the end: the client went away',
};

/**
 * The only code that calls a member hospital: pooled keep-alive sockets, a per-member
 * timeout and circuit breaker. Whatever goes wrong becomes MemberUnavailableError with the
 * hospital id only; URLs, hosts and stacks stay in the (debug) log.
 */
export class MemberFetch {
  private readonly agent;
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(private readonly options: MemberFetchOptions) {
    this.agent = createHttpAgent({ maxSockets: options.maxSockets, keepAliveMs: options.keepAliveMs, tls: options.tls });
  }

  breakerState(hospitalId: string): BreakerState {
    return this.breakers.get(hospitalId)?.state ?? 'closed';
  }

  private breaker(hospitalId: string): CircuitBreaker {
    let breaker = this.breakers.get(hospitalId);
    if (!breaker) {
      breaker = new CircuitBreaker({ failureThreshold: this.options.breakerFailureThreshold, cooldownMs: this.options.breakerCooldownMs });
      this.breakers.set(hospitalId, breaker);
    }
    return breaker;
  }

  /**
   * One request to one member, bounded by the per-member timeout, the answer size cap and
   * `cancel` (the client's request: when it goes away, so does this call). A cancelled or
   * oversized call says nothing about the member's health: the breaker does not count it.
   */
  async send(member: Member, payload: MemberRequest, headers: Record<string, string>, cancel?: AbortSignal): Promise<MemberResponse> {
    const { hospitalId } = member;
    if (member.state !== 'ready') return this.fail(hospitalId, 0, member.state === 'refused' ? 'incompatible' : 'not-verified');
    if (cancel?.aborted) return this.fail(hospitalId, 0, 'cancelled');
    const breaker = this.breaker(hospitalId);
    if (!breaker.tryAcquire()) return this.fail(hospitalId, 0, 'circuit-open');
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = cancel ? AbortSignal.any([timeout, cancel]) : timeout;
    try {
      const reply = await postJson(this.agent, member.url, payload, headers, signal, this.options.maxAnswerBytes);
      // a GraphQL answer, even a 400, means the member is alive and answered
      if (!isGraphQLBody(reply.body)) throw new Error(`non-GraphQL answer, status ${reply.status}`);
      this.settle(hospitalId, breaker, true);
      this.options.observer?.memberRequest(hospitalId, seconds(), 'ok');
      return reply.body as MemberResponse;
    } catch (error) {
      const outcome: Exclude<MemberOutcome, 'ok'> =
        error instanceof AnswerTooLargeError ? 'too-large' : cancel?.aborted && !timeout.aborted ? 'cancelled' : signal.aborted ? 'timeout' : 'failed';
      // alive (too large) or not its fault (cancelled): a half-open trial ends as a success, nothing is counted against it
      if (outcome === 'too-large' || outcome === 'cancelled') this.settle(hospitalId, breaker, true);
      else this.settle(hospitalId, breaker, false);
      this.options.logger.warn({ hospitalId, outcome, cause: (error as Error).name }, 'member request failed');
      return this.fail(hospitalId, seconds(), outcome);
    }
  }

  /**
   * `_service { sdl }` of a member's subgraph, for the contract check (no breaker: not a
   * caller's request). `headersFor` signs this one call (a token bound to its body).
   */
  async fetchServiceSdl(hospitalId: string, url: string, headersFor: (request: MemberRequest) => Promise<Record<string, string>> = async () => ({})): Promise<string> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const request = { query: SERVICE_SDL_QUERY };
      const reply = await postJson(this.agent, url, request, await headersFor(request), signal);
      const sdl = isGraphQLBody(reply.body) ? (reply.body.data?._service as { sdl?: unknown } | undefined)?.sdl : undefined;
      if (typeof sdl !== 'string') throw new Error(`no _service.sdl in the answer, status ${reply.status}`);
      return sdl;
    } catch (error) {
      const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new MemberUnavailableError(hospitalId, signal.aborted ? REASONS.timeout : `${REASONS.failed} (${stripLocations(cause)})`);
    }
  }

  private settle(hospitalId: string, breaker: CircuitBreaker, ok: boolean): void {
    const before = breaker.state;
    if (ok) breaker.recordSuccess();
    else breaker.recordFailure();
    if (breaker.state !== before) this.options.logger.warn({ hospitalId, breaker: breaker.state }, 'member circuit breaker changed');
    this.options.observer?.breakerState(hospitalId, breaker.state);
  }

  private fail(hospitalId: string, seconds: number, outcome: Exclude<MemberOutcome, 'ok'>): never {
    this.options.observer?.memberRequest(hospitalId, seconds, outcome);
    throw new MemberUnavailableError(hospitalId, REASONS[outcome]);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

import type { ClientTls } from '../../common/config/tls-settings';
import { MemberUnavailableError, stripLocations } from '../../common/errors';
import type { Logger } from '../../common/log';
import { CircuitBreaker, type BreakerState } from './circuit-breaker';
import { createHttpAgent } from './http-agent';
import { HealthBook, probeMember, type MemberHealth, type ProbeResult } from './member-health';
import { AnswerTooLargeError, CallCancelledError, CallTimeoutError, isGraphQLBody, sendJson } from './send-json';

/** A GraphQL error as a member sent it (its path is the member's own, remapped by the fan-out). */
export interface MemberError {
  message: string;
  path?: readonly (string | number)[];
  locations?: readonly { line: number; column: number }[];
  extensions?: Record<string, unknown>;
}

/** What the transport needs of a member: where it is and whether the registry routes to it. */
export interface MemberTarget {
  hospitalId: string;
  url: string;
  state: string;
}

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

export type MemberOutcome = 'ok' | 'failed' | 'timeout' | 'circuit-open' | 'not-verified' | 'incompatible' | 'too-large' | 'cancelled' | 'down';

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

/**
 * The JSON body of a request, encoded once per request object: a broadcast posts the same
 * request to every member it asks (requests are never changed once made).
 */
const encodedBodies = new WeakMap<MemberRequest, Buffer>();

function encodedBody(request: MemberRequest): Buffer {
  let body = encodedBodies.get(request);
  if (!body) encodedBodies.set(request, (body = Buffer.from(JSON.stringify(request))));
  return body;
}

const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

function neverConnected(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code ?? (error as { cause?: NodeJS.ErrnoException })?.cause?.code;
  return code !== undefined && CONNECT_FAILURES.has(code);
}

const REASONS: Record<Exclude<MemberOutcome, 'ok'>, string> = {
  failed: 'did not answer',
  timeout: 'timed out',
  'circuit-open': 'is temporarily cut off after repeated failures',
  'not-verified': 'has not passed the contract check yet',
  incompatible: 'does not serve the hospital contract',
  'too-large': 'answered more than the gateway accepts from one member',
  cancelled: 'was not asked to the end: the client went away',
  down: 'is down (its health check fails)',
};

/**
 * The only code that calls a member hospital: pooled keep-alive sockets, a per-member
 * timeout and circuit breaker. Whatever goes wrong becomes MemberUnavailableError with the
 * hospital id only; URLs, hosts and stacks stay in the (debug) log.
 */
export class MemberFetch {
  private readonly agent;
  private readonly breakers = new Map<string, CircuitBreaker>();
  /** Probe results: a member known to be down is answered for at once, without a request. */
  private readonly health = new HealthBook();

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
      // the gauge shows the member from its first call on; after that only changes are reported
      this.options.observer?.breakerState(hospitalId, breaker.state);
    }
    return breaker;
  }

  /**
   * One request to one member, bounded by the per-member timeout, the answer size cap and
   * `cancel` (the client's request: when it goes away, so does this call). A cancelled or
   * oversized call says nothing about the member's health: the breaker does not count it.
   */
  async send(member: MemberTarget, payload: MemberRequest, headers: Record<string, string>, cancel?: AbortSignal): Promise<MemberResponse> {
    const { hospitalId } = member;
    if (member.state !== 'ready') return this.fail(hospitalId, 0, member.state === 'refused' ? 'incompatible' : 'not-verified');
    if (cancel?.aborted) return this.fail(hospitalId, 0, 'cancelled');
    if (this.health.isDown(hospitalId)) return this.fail(hospitalId, 0, 'down');
    const breaker = this.breaker(hospitalId);
    if (!breaker.tryAcquire()) return this.fail(hospitalId, 0, 'circuit-open');
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const reply = await sendJson(this.agent, member.url, encodedBody(payload), headers, {
        timeoutMs: this.options.timeoutMs,
        maxBytes: this.options.maxAnswerBytes ?? Infinity,
        cancel,
      });
      // a GraphQL answer, even a 400, means the member is alive and answered
      if (!isGraphQLBody(reply.body)) throw new Error(`non-GraphQL answer, status ${reply.status}`);
      this.settle(hospitalId, breaker, true);
      this.options.observer?.memberRequest(hospitalId, seconds(), 'ok');
      return reply.body as MemberResponse;
    } catch (error) {
      const outcome: Exclude<MemberOutcome, 'ok'> =
        error instanceof AnswerTooLargeError ? 'too-large' : error instanceof CallCancelledError ? 'cancelled' : error instanceof CallTimeoutError ? 'timeout' : 'failed';
      // alive (too large) or not its fault (cancelled): a half-open trial ends as a success, nothing is counted against it
      if (outcome === 'too-large' || outcome === 'cancelled') this.settle(hospitalId, breaker, true);
      else this.settle(hospitalId, breaker, false);
      this.options.logger.warn({ hospitalId, outcome, cause: (error as Error).name }, 'member request failed');
      // unless no connection was made, the request went out: a change it carried may have been applied
      const ended = outcome === 'timeout' || outcome === 'cancelled';
      return this.fail(hospitalId, seconds(), outcome, ended || !neverConnected(error));
    }
  }

  memberHealth(hospitalId: string): MemberHealth {
    return this.health.get(hospitalId);
  }

  /**
   * One health probe (DESIGN 4). A member that answers again is routed to at once: its
   * breaker closes too, rather than waiting out the cooldown. Returns whether its status changed.
   */
  async probe(member: MemberTarget): Promise<boolean> {
    const result = await probeMember(this.agent, member.url, this.options.timeoutMs);
    const breaker = this.breakers.get(member.hospitalId);
    if (result.up && breaker && breaker.state !== 'closed') this.settle(member.hospitalId, breaker, true);
    return this.noteReachability(member.hospitalId, result);
  }

  /** Records a probe's or a contract check's verdict on a member; returns whether its status changed. */
  noteReachability(hospitalId: string, result: ProbeResult): boolean {
    const changed = this.health.record(hospitalId, result);
    if (changed && result.up) this.options.logger.info({ hospitalId, latencyMs: result.latencyMs }, 'member is up');
    else if (changed) this.options.logger.warn({ hospitalId, reason: result.error }, 'member is down');
    return changed;
  }

  forgetMember(hospitalId: string): void {
    this.health.forget(hospitalId);
    this.breakers.delete(hospitalId);
  }

  /**
   * `_service { sdl }` of a member's subgraph, for the contract check (no breaker: not a
   * caller's request). `headersFor` signs this one call (a token bound to its body).
   */
  async fetchServiceSdl(hospitalId: string, url: string, headersFor: (request: MemberRequest) => Promise<Record<string, string>> = async () => ({})): Promise<string> {
    try {
      const request = { query: SERVICE_SDL_QUERY };
      const reply = await sendJson(this.agent, url, encodedBody(request), await headersFor(request), { timeoutMs: this.options.timeoutMs, maxBytes: Infinity });
      const sdl = isGraphQLBody(reply.body) ? (reply.body.data?._service as { sdl?: unknown } | undefined)?.sdl : undefined;
      if (typeof sdl !== 'string') throw new Error(`no _service.sdl in the answer, status ${reply.status}`);
      return sdl;
    } catch (error) {
      const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new MemberUnavailableError(hospitalId, error instanceof CallTimeoutError ? REASONS.timeout : `${REASONS.failed} (${stripLocations(cause)})`);
    }
  }

  private settle(hospitalId: string, breaker: CircuitBreaker, ok: boolean): void {
    const before = breaker.state;
    if (ok) breaker.recordSuccess();
    else breaker.recordFailure();
    if (breaker.state === before) return;
    this.options.logger.warn({ hospitalId, breaker: breaker.state }, 'member circuit breaker changed');
    this.options.observer?.breakerState(hospitalId, breaker.state);
  }

  private fail(hospitalId: string, seconds: number, outcome: Exclude<MemberOutcome, 'ok'>, sent = false): never {
    this.options.observer?.memberRequest(hospitalId, seconds, outcome);
    throw new MemberUnavailableError(hospitalId, REASONS[outcome], sent);
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

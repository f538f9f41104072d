import { request, type Agent } from 'undici';
import { stripLocations } from '../../common/errors';

/** What the gateway last learned of one member (DESIGN 4, member health). */
export interface MemberHealth {
  status: 'up' | 'down' | 'unknown';
  /** Round trip of the last probe, in ms. */
  latencyMs?: number;
  /** Why the last probe failed: sanitised, never a URL or host. */
  lastError?: string;
  lastCheckAt?: string;
  /** When `status` last changed. */
  since?: string;
}

export interface ProbeResult {
  up: boolean;
  latencyMs: number;
  error?: string;
}

const SOCKET_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name not resolvable now',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
};

/** A transport error in plain words with its code, without the address it names. */
export function describeTransportError(error: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no answer within ${timeoutMs} ms`;
  const code = (error as NodeJS.ErrnoException)?.code ?? (error as { cause?: NodeJS.ErrnoException })?.cause?.code;
  if (code && SOCKET_CODES[code]) return `${SOCKET_CODES[code]} (${code})`;
  return stripLocations(code ?? (error as Error)?.name ?? 'request failed');
}

/** The member's /readyz next to its /graphql endpoint (a path prefix is kept). */
export function readinessUrl(graphqlUrl: string): string {
  return new URL('readyz', graphqlUrl).toString();
}

/**
 * One cheap health request: GET the member's /readyz, which pings its database. 2xx is
 * up; a 5xx (503: database down, draining) is down with the reason it gives. A partner
 * implementation without an open /readyz (404, 401 behind its own proxy …) that answers
 * at all counts as up: its GraphQL answers then say the rest.
 */
export async function probeMember(agent: Agent, graphqlUrl: string, timeoutMs: number): Promise<ProbeResult> {
  const started = process.hrtime.bigint();
  const latency = () => Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await request(readinessUrl(graphqlUrl), { dispatcher: agent, method: 'GET', headers: { accept: 'application/json' }, signal });
    const text = await response.body.text();
    const status = response.statusCode;
    if (status < 500) return { up: true, latencyMs: latency() };
    return { up: false, latencyMs: latency(), error: readinessProblem(status, text) };
  } catch (error) {
    return { up: false, latencyMs: latency(), error: describeTransportError(error, signal.aborted, timeoutMs) };
  }
}

function readinessProblem(status: number, text: string): string {
  let body: { status?: unknown; database?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    /* not our /readyz */
  }
  if (body.database === 'down') return `its database is down (HTTP ${status})`;
  if (body.status === 'draining') return `it is shutting down (HTTP ${status})`;
  if (body.status === 'not-ready') return `it is not ready (HTTP ${status})`;
  return `HTTP ${status} from its readiness check`;
}

/** Health of every member, as probes and contract checks report it. */
export class HealthBook {
  private readonly entries = new Map<string, MemberHealth>();

  get(hospitalId: string): MemberHealth {
    return this.entries.get(hospitalId) ?? { status: 'unknown' };
  }

  isDown(hospitalId: string): boolean {
    return this.entries.get(hospitalId)?.status === 'down';
  }

  /** Records a result; returns whether the status changed. */
  record(hospitalId: string, result: ProbeResult, now = new Date()): boolean {
    const before = this.get(hospitalId);
    const status = result.up ? 'up' : 'down';
    const changed = before.status !== status;
    this.entries.set(hospitalId, {
      status,
      latencyMs: result.latencyMs,
      ...(result.error ? { lastError: result.error } : before.lastError ? { lastError: before.lastError } : {}),
      lastCheckAt: now.toISOString(),
      since: changed ? now.toISOString() : (before.since ?? now.toISOString()),
    });
    return changed;
  }

  forget(hospitalId: string): void {
    this.entries.delete(hospitalId);
  }
}

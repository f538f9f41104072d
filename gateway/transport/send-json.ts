import type { Agent, Dispatcher } from 'undici';

/** The answer was larger than the caller allowed; it was not read to the end. */
export class AnswerTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`answer larger than ${maxBytes} bytes`);
    this.name = 'AnswerTooLargeError';
  }
}

export interface JsonReply {
  status: number;
  /** Parsed body, or undefined when it was not JSON. */
  body: unknown;
  /** The answer as read, when it was not JSON (for the error that says so). */
  text?: string;
}

/** A GraphQL answer: an object with `data` and/or `errors`. */
export function isGraphQLBody(body: unknown): body is { data?: Record<string, unknown> | null; errors?: unknown[] } {
  return typeof body === 'object' && body !== null && ('data' in body || 'errors' in body);
}

/** The call's own deadline passed before the answer was read to the end. */
export class CallTimeoutError extends Error {
  constructor() {
    super('no answer within the timeout');
    this.name = 'TimeoutError';
  }
}

/** The caller went away (its request's signal aborted) before the answer was read. */
export class CallCancelledError extends Error {
  constructor() {
    super('the caller went away');
    this.name = 'AbortError';
  }
}

export interface SendLimits {
  timeoutMs: number;
  /** Largest answer read, in bytes (more: AnswerTooLargeError, the rest is not read). */
  maxBytes: number;
  /** The client's request: when it aborts, every call made for it ends at once. */
  cancel?: AbortSignal;
}

const JSON_TYPE = 'application/json';
const ACCEPT = 'application/graphql-response+json, application/json';

/** Origin and path of each member URL, parsed once rather than per call. */
const endpoints = new Map<string, { origin: string; path: string }>();

function endpointOf(url: string): { origin: string; path: string } {
  let endpoint = endpoints.get(url);
  if (!endpoint) {
    const parsed = new URL(url);
    endpoint = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    // member URLs come from the registry: a handful, unless the registry churns
    if (endpoints.size >= 10_000) endpoints.clear();
    endpoints.set(url, endpoint);
  }
  return endpoint;
}

/** The calls in flight for one client request, so that its abort ends them all with one listener. */
const callsByCancel = new WeakMap<AbortSignal, Set<JsonCall>>();

function watchCancel(cancel: AbortSignal, call: JsonCall): void {
  let calls = callsByCancel.get(cancel);
  if (!calls) {
    const watched = new Set<JsonCall>();
    calls = watched;
    callsByCancel.set(cancel, watched);
    cancel.addEventListener(
      'abort',
      () => {
        for (const each of watched) each.end(new CallCancelledError());
        watched.clear();
      },
      { once: true },
    );
  }
  calls.add(call);
}

function onTimeout(call: JsonCall): void {
  call.end(new CallTimeoutError());
}

/**
 * One POST as an undici dispatch handler: the answer's chunks are kept (at most
 * `maxBytes`) and parsed once at the end. Settles exactly once, on the answer, an error,
 * its timer or the client's abort; whatever ends it first aborts the request if it is
 * still under way (or as soon as undici starts it, when it was still queued for a socket).
 */
class JsonCall implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private status = 0;
  private settled = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly resolve: (reply: JsonReply) => void,
    private readonly reject: (error: Error) => void,
    private readonly limits: SendLimits,
  ) {
    this.timer = setTimeout(onTimeout, limits.timeoutMs, this);
    this.timer.unref();
    if (limits.cancel) watchCancel(limits.cancel, this);
  }

  /** Ends the call with `error` unless it has ended; aborts the request under way. */
  end(error: Error): void {
    if (this.finish()) return;
    this.controller?.abort(error);
    this.reject(error);
  }

  /** Marks the call settled; true when it already was. */
  private finish(): boolean {
    if (this.settled) return true;
    this.settled = true;
    clearTimeout(this.timer);
    if (this.limits.cancel) callsByCancel.get(this.limits.cancel)?.delete(this);
    this.chunks.length = 0;
    return false;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.settled) controller.abort(new CallTimeoutError());
    else this.controller = controller;
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number): void {
    this.status = statusCode;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size > this.limits.maxBytes) {
      this.end(new AnswerTooLargeError(this.limits.maxBytes));
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.settled) return;
    const text = (this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size)).toString('utf8');
    this.finish();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      this.resolve({ status: this.status, body: undefined, text });
      return;
    }
    this.resolve({ status: this.status, body });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.finish()) return;
    this.reject(error);
  }
}

/**
 * POSTs an already-encoded JSON body (one Buffer may go to many members) and parses the
 * answer: the member call's hot path. No AbortSignal, stream or URL object per call: a
 * timer, the handler above and one abort listener per client request bound the call.
 * Errors are the transport's own (never shown to callers); the timeout and the client's
 * abort come as CallTimeoutError and CallCancelledError.
 */
export function sendJson(agent: Agent, url: string, body: Buffer, headers: Record<string, string>, limits: SendLimits): Promise<JsonReply> {
  return new Promise<JsonReply>((resolve, reject) => {
    if (limits.cancel?.aborted) {
      reject(new CallCancelledError());
      return;
    }
    const { origin, path } = endpointOf(url);
    const flat: string[] = ['content-type', JSON_TYPE, 'accept', ACCEPT];
    for (const name in headers) if (name !== 'content-type' && name !== 'accept') flat.push(name, headers[name]);
    const call = new JsonCall(resolve, reject, limits);
    // the call's own timer bounds it: undici's header and body timers per request would only repeat that work
    agent.dispatch({ origin, path, method: 'POST', headers: flat, body, headersTimeout: 0, bodyTimeout: 0 }, call);
  });
}

import type { Logger } from '../common/log';
import type { Caller } from '../common/auth/caller';

/** Per-request state the gateway passes to data sources (Apollo's `context`). */
export interface GatewayContext {
  requestId: string;
  logger: Logger;
  /** The verified caller: a request without a valid token never gets this far (401). Null only in code that builds a context itself. */
  caller: Caller | null;
  /** Incoming headers passed on to every subgraph unchanged: purpose of use, request id. */
  forwardHeaders: Record<string, string>;
  /** Aborted when the client goes away before its answer: member calls of the request stop. */
  signal?: AbortSignal;
}

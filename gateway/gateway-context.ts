import type { Logger } from '../common/log';
import type { Caller } from '../subgraphs/runtime/auth/caller';

/** Per-request state the gateway passes to data sources (Apollo's `context`). */
export interface GatewayContext {
  requestId: string;
  logger: Logger;
  /** The verified caller; null when the request carried no token (subgraphs then refuse what needs one). */
  caller: Caller | null;
  /** Incoming headers passed on to every subgraph unchanged: purpose of use, request id. */
  forwardHeaders: Record<string, string>;
  /** Signed subgraph tokens of this request, by audience. */
  subgraphTokens?: Map<string, Promise<string>>;
}

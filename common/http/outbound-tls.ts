import { Agent, setGlobalDispatcher } from 'undici';
import type { ClientTls } from '../config/tls-settings';

/**
 * A subgraph's own calls to other subgraphs (the alliance asking a member to confirm
 * results or reading its contract, audit heads sent to a witness, keys fetched from a
 * member's JWKS) go through `fetch`. With the TLS settings given, every one of them trusts
 * the alliance's CA and presents this process's client certificate, as the gateway's
 * member calls do; without them nothing changes.
 */
export function useOutboundTls(tls: ClientTls | undefined): void {
  if (!tls?.ca && !tls?.cert) return;
  setGlobalDispatcher(new Agent({ connect: { ca: tls.ca, cert: tls.cert, key: tls.key } }));
}

import type { IncomingHttpHeaders } from 'node:http';
import type { ClientTls } from '../../../common/config/tls-settings';
import { createGatewayTokenVerifier, GATEWAY_KEY_NAME } from '../../../common/auth/gateway-token';
import { receivedRequest } from '../../../common/auth/request-hash';
import { devKeySet } from '../../../common/auth/dev-key-set';
import { UnauthenticatedError } from '../../../common/errors';
import type { Caller } from '../../../common/auth/caller';

export interface SubgraphAuthOptions {
  /** Who this subgraph is: `alliance` or `hospital:<id>`; tokens for another audience are refused. */
  audience: string;
  /** Production: the gateway's published JWKS. */
  gatewayJwksUrl?: string;
  /** For an https:// JWKS URL: the CA bundle trusted and the client certificate presented. */
  tls?: ClientTls;
  /** Dev: the gateway's key pair lives under `<dataDir>/keys`. */
  dataDir: string;
  /** When false, a request without a token runs with no caller (resolvers then deny PHI and writes). */
  required: boolean;
}

/** What a subgraph received: the token comes from the headers, the request it must be bound to from the body (POST) or the query string (GET). */
export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  method?: string;
  body?: unknown;
  query?: unknown;
}

export type Authenticate = (call: ReceivedCall) => Promise<Caller | null>;

function bearer(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  if (!value) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/.exec(value.trim());
  if (!match) throw new UnauthenticatedError('Authorization must be "Bearer <token>".');
  return match[1];
}

/**
 * Builds the subgraph's check of the gateway-signed token (DESIGN 5, gateway → subgraph
 * trust): for this subgraph's audience exactly, at most 30 s old, never seen before, and
 * signed for the very operation and variables received (see `createGatewayTokenVerifier`).
 */
export function createSubgraphAuthenticator(options: SubgraphAuthOptions): Authenticate {
  const verify = createGatewayTokenVerifier(
    options.gatewayJwksUrl ? { jwksUrl: options.gatewayJwksUrl, tls: options.tls } : { getKey: devKeySet(options.dataDir, GATEWAY_KEY_NAME) },
    options.audience,
  );
  return async ({ headers, method, body, query }) => {
    const token = bearer(headers);
    if (!token) {
      if (options.required) throw new UnauthenticatedError('This subgraph accepts only calls from the alliance gateway.');
      return null;
    }
    return verify(token, receivedRequest(method, body, query));
  };
}

import http from 'node:http';
import https from 'node:https';
import type { ServerTls } from '../config/tls-settings';

/**
 * The listener of a gateway or subgraph process: HTTPS when the process has a server
 * certificate (MEDALLIANCE_SERVER_CERT_FILE), plain HTTP otherwise. With
 * `requestCert`, a connection without a client certificate from the configured CA is
 * refused during the handshake, before any HTTP (mutual TLS between gateway and subgraphs).
 */
export function createServer(app: http.RequestListener, tls: ServerTls | undefined): http.Server {
  if (!tls) return http.createServer(app);
  return https.createServer({ cert: tls.cert, key: tls.key, ca: tls.ca, requestCert: tls.requestCert, rejectUnauthorized: tls.requestCert, minVersion: 'TLSv1.2' }, app);
}

/** `http://` or `https://`, as the process listens. */
export function schemeOf(tls: ServerTls | undefined): 'http' | 'https' {
  return tls ? 'https' : 'http';
}

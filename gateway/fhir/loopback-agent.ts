import type { TLSSocket } from 'node:tls';
import { Agent, buildConnector } from 'undici';

const agents = new Map<string, Agent>();

/**
 * The dispatcher of a loopback call to this gateway's own HTTPS listener. The loopback
 * dials the socket's local IP address, which no certificate names, so the usual check
 * cannot apply; instead the answer must come with exactly the certificate the incoming
 * request was served with (pinned by SHA-256 fingerprint). Undefined for plain HTTP.
 */
export function loopbackAgent(socket: unknown): Agent | undefined {
  const tls = socket as Partial<TLSSocket>;
  if (!tls.encrypted || typeof tls.getCertificate !== 'function') return undefined;
  const fingerprint = (tls.getCertificate() as { fingerprint256?: string } | null)?.fingerprint256;
  if (!fingerprint) return undefined;
  let agent = agents.get(fingerprint);
  if (!agent) {
    // chain and name are not checked by the connector; the pin below is the check
    const connect = buildConnector({ rejectUnauthorized: false });
    agent = new Agent({
      connect: (options, callback) =>
        connect(options, (error, connected) => {
          if (error || !connected) return callback(error ?? new Error('loopback connection failed'), null);
          if ((connected as TLSSocket).getPeerCertificate().fingerprint256 !== fingerprint) {
            connected.destroy();
            return callback(new Error('loopback answered with another certificate'), null);
          }
          return callback(null, connected);
        }),
    });
    agents.set(fingerprint, agent);
  }
  return agent;
}

import { readFileSync } from 'node:fs';
import { ConfigError } from './load-config';
import { boolSetting, type Setting } from './setting';

/** A path to a PEM file; read when the process starts (`loadTls`), so config checks of deployment files pass without the files. */
function pemFileSetting(env: string, description: string): Setting<string> {
  return {
    env,
    description,
    parse(raw) {
      if (raw.trim() !== raw || raw.includes('\n')) throw new Error('must be a file path without surrounding spaces');
      return raw;
    },
  };
}

/**
 * TLS between the gateway, the alliance and the members (DESIGN 5). Client side: the CA
 * bundle trusted for `https://` subgraph URLs and the gateway's JWKS, and an optional
 * client certificate (mutual TLS). Server side: a certificate and key make the process
 * listen on HTTPS instead of HTTP.
 */
export const tlsSettings = {
  caFile: pemFileSetting(
    'MEDALLIANCE_CA_FILE',
    "PEM bundle of the certificate authorities trusted for https:// calls between the gateway, the alliance and the members (subgraph URLs, the gateway's JWKS), and for client certificates; unset = the system's CAs.",
  ),
  clientCertFile: pemFileSetting(
    'MEDALLIANCE_TLS_CERT_FILE',
    'PEM client certificate this process presents on its https:// calls to subgraphs (mutual TLS); needs MEDALLIANCE_TLS_KEY_FILE.',
  ),
  clientKeyFile: pemFileSetting('MEDALLIANCE_TLS_KEY_FILE', 'PEM private key of MEDALLIANCE_TLS_CERT_FILE.'),
  serverCertFile: pemFileSetting(
    'MEDALLIANCE_SERVER_CERT_FILE',
    'PEM certificate (with its chain) this process serves HTTPS with; needs MEDALLIANCE_SERVER_KEY_FILE; unset = plain HTTP.',
  ),
  serverKeyFile: pemFileSetting('MEDALLIANCE_SERVER_KEY_FILE', 'PEM private key of MEDALLIANCE_SERVER_CERT_FILE.'),
};

/** Subgraphs only: the gateway's public listener serves browsers, which carry no client certificate. */
export const subgraphTlsSettings = {
  requireClientCert: boolSetting(
    'MEDALLIANCE_REQUIRE_CLIENT_CERT',
    'HTTPS subgraphs only: refuse a connection without a client certificate from a CA in MEDALLIANCE_CA_FILE (mutual TLS).',
    false,
  ),
};

/** What outgoing https:// calls trust and present; empty = the system's CAs, no client certificate. */
export interface ClientTls {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** What an HTTPS listener serves. */
export interface ServerTls {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
  requestCert: boolean;
}

export interface TlsMaterial {
  client: ClientTls;
  /** Absent: the process listens on plain HTTP. */
  server?: ServerTls;
}

type TlsConfig = { [K in keyof typeof tlsSettings]?: string } & { requireClientCert?: boolean };

/**
 * Reads the PEM files named by the TLS settings; every problem (a half pair, an
 * unreadable file, a client-certificate requirement without a CA) in one ConfigError.
 */
export function loadTls(config: TlsConfig): TlsMaterial {
  const problems: string[] = [];
  const read = (env: string, file: string | undefined): Buffer | undefined => {
    if (!file) return undefined;
    try {
      const pem = readFileSync(file);
      if (!pem.includes('-----BEGIN ')) throw new Error('not PEM');
      return pem;
    } catch (error) {
      problems.push(`${env} names a file that cannot be read as PEM (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
      return undefined;
    }
  };
  const pair = (certEnv: string, keyEnv: string, cert: string | undefined, key: string | undefined) => {
    if (Boolean(cert) !== Boolean(key)) problems.push(`${certEnv} and ${keyEnv} are set together or not at all.`);
  };
  pair('MEDALLIANCE_TLS_CERT_FILE', 'MEDALLIANCE_TLS_KEY_FILE', config.clientCertFile, config.clientKeyFile);
  pair('MEDALLIANCE_SERVER_CERT_FILE', 'MEDALLIANCE_SERVER_KEY_FILE', config.serverCertFile, config.serverKeyFile);
  if (config.requireClientCert && !config.serverCertFile)
    problems.push('MEDALLIANCE_REQUIRE_CLIENT_CERT needs HTTPS (MEDALLIANCE_SERVER_CERT_FILE and MEDALLIANCE_SERVER_KEY_FILE).');
  if (config.requireClientCert && !config.caFile) problems.push('MEDALLIANCE_REQUIRE_CLIENT_CERT needs MEDALLIANCE_CA_FILE, the CA that signs the client certificates.');
  const ca = read('MEDALLIANCE_CA_FILE', config.caFile);
  const client = { ca, cert: read('MEDALLIANCE_TLS_CERT_FILE', config.clientCertFile), key: read('MEDALLIANCE_TLS_KEY_FILE', config.clientKeyFile) };
  const serverCert = read('MEDALLIANCE_SERVER_CERT_FILE', config.serverCertFile);
  const serverKey = read('MEDALLIANCE_SERVER_KEY_FILE', config.serverKeyFile);
  if (problems.length > 0) throw new ConfigError(problems);
  return { client, server: serverCert && serverKey ? { cert: serverCert, key: serverKey, ca, requestCert: config.requireClientCert ?? false } : undefined };
}

/** The loopback interface never leaves the machine: nothing on a network can change what it carries. */
function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}

/**
 * Production refuses plain-HTTP JWKS URLs: whoever can change the keys on the way can
 * mint tokens. Loopback addresses (an identity provider's sidecar on the same machine) are
 * the one exception. `urls` maps each setting's variable name to its value.
 */
export function checkProductionJwks(production: boolean, urls: Record<string, string | undefined>): void {
  if (!production) return;
  const plain = Object.entries(urls).filter(([, url]) => url !== undefined && url !== '' && new URL(url).protocol !== 'https:' && !isLoopback(new URL(url)));
  if (plain.length > 0)
    throw new ConfigError(
      plain.map(([env]) => `${env} must be an https:// URL (or a loopback address) when MEDALLIANCE_PRODUCTION=true: keys fetched over plain HTTP can be replaced on the way.`),
    );
}

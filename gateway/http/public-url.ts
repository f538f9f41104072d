/**
 * The gateway's public base URL, for links in answers (FHIR Bundle `link` and
 * `fullUrl`): MEDALLIANCE_PUBLIC_URL when set, else the configured listen address. Never
 * the request's `Host` header, which the caller chooses (host header injection).
 */
export function publicBaseUrl(config: { publicUrl?: string; host: string }, port: number): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  // a wildcard address is no place a client can reach; the local name is the honest default
  const host = config.host === '0.0.0.0' || config.host === '::' || config.host === '' ? 'localhost' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

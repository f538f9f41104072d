import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * A hospital identity provider, outside the system: an RS256 key whose public half is
 * served as a JWKS over real HTTP (port 0), and tokens it signs for callers.
 */
export interface IdentityProvider {
  jwksUrl: string;
  issuer: string;
  /** Requests the JWKS endpoint has served. */
  jwksRequests: number;
  token(claims: { sub: string; role: string; hospitalId?: string }, options?: { audience?: string; issuer?: string; expiresInSeconds?: number }): Promise<string>;
  close(): Promise<void>;
}

export const IDP_AUDIENCE = 'medalliance-api';

export async function startIdentityProvider(issuer = 'https://idp.east-lake.example'): Promise<IdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
  let jwksRequests = 0;
  const server = http.createServer((_req, res) => {
    jwksRequests += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    issuer,
    get jwksRequests() {
      return jwksRequests;
    },
    async token({ sub, ...claims }, options = {}) {
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
        .setSubject(sub)
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? IDP_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresInSeconds ?? 600))
        .sign(privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

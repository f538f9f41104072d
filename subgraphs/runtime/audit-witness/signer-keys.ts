import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { JWKS_PATH } from './witness-routes';

/** The JWKS a subgraph publishes, from any of its URLs (its /graphql URL in the registry). */
export function jwksUrlOf(subgraphUrl: string): URL {
  return new URL(JWKS_PATH, subgraphUrl);
}

/**
 * Remote key sets, one per signer URL, cached by jose (a new kid is fetched again, at
 * most every few seconds). A signer that moves to another URL gets a fresh set.
 */
export function remoteKeySets(): (subgraphUrl: string) => JWTVerifyGetKey {
  const sets = new Map<string, JWTVerifyGetKey>();
  return (subgraphUrl) => {
    const url = jwksUrlOf(subgraphUrl);
    let set = sets.get(url.href);
    if (!set) {
      set = createRemoteJWKSet(url, {
        cooldownDuration: 5_000,
        cacheMaxAge: 10 * 60_000,
        timeoutDuration: 3_000,
      });
      sets.set(url.href, set);
    }
    return set;
  };
}

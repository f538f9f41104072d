import { statSync } from 'node:fs';
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import { devKeyFile, readDevPublicJwk } from './key-store';

/**
 * The public half of a dev key as a jose key set, re-read only when the key file
 * changes (a rotation replaces the file). Reading and importing the key on every
 * request cost a large share of each call's CPU. `version()` names the file last read,
 * so that a cache of verified tokens can tell that the key changed.
 */
export function devKeySet(dataDir: string, name: string): JWTVerifyGetKey & { version(): string } {
  const file = devKeyFile(dataDir, name);
  let version = '';
  let keySet: JWTVerifyGetKey | undefined;
  const getKey: JWTVerifyGetKey = (header, token) => {
    let current = 'absent';
    try {
      const stat = statSync(file);
      current = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
    } catch {
      /* no key yet: verification fails below */
    }
    if (current !== version || !keySet) {
      const jwk = current === 'absent' ? undefined : readDevPublicJwk(dataDir, name);
      keySet = createLocalJWKSet({ keys: jwk ? [jwk] : [] });
      version = current;
    }
    return keySet(header, token);
  };
  return Object.assign(getKey, { version: () => version });
}

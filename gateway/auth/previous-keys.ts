import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { JWK } from 'jose';
import { publicPart } from '../../common/auth/key-store';

/**
 * The public halves of the most recently retired keys of `name` (key-store's
 * `rotateDevKey` keeps a retired key as `<name>.private.jwk.json.<ms>.retired`), newest
 * first. The gateway's JWKS lists them after the current key, so that a subgraph still
 * verifies tokens signed just before a rotation (they live 25 s).
 */
export function previousPublicKeys(dataDir: string, name: string, keep = 1): JWK[] {
  const dir = path.resolve(dataDir, 'keys');
  const pattern = new RegExp(`^${name.replace(/[^A-Za-z0-9-]/g, '')}\\.private\\.jwk\\.json\\.(\\d+)\\.retired$`);
  let files: string[];
  try {
    files = readdirSync(dir);
  } catch {
    return [];
  }
  return files
    .map((file) => ({ file, at: Number(pattern.exec(file)?.[1] ?? NaN) }))
    .filter((f) => Number.isFinite(f.at))
    .sort((a, b) => b.at - a.at)
    .slice(0, keep)
    .flatMap(({ file }) => {
      try {
        return [publicPart(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as JWK)];
      } catch {
        return [];
      }
    });
}

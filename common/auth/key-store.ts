import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, linkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/**
 * Dev signing keys under `<dataDir>/keys/<name>.private.jwk.json` (ES256), created on
 * first use. Several processes of the demo start at once, so a key file is written
 * under a temporary name and linked into place: the first writer wins and everyone
 * reads the same key. Production uses a JWKS URL instead (DESIGN 5).
 */
export interface SigningKey {
  kid: string;
  alg: 'ES256';
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export const SIGNING_ALG = 'ES256';

export function devKeyFile(dataDir: string, name: string): string {
  return path.resolve(dataDir, 'keys', `${name}.private.jwk.json`);
}

export function publicPart(jwk: JWK): JWK {
  const { kty, crv, x, y, kid, alg } = jwk;
  return { kty, crv, x, y, kid, alg, use: 'sig' };
}

async function readKey(file: string): Promise<SigningKey> {
  const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const privateKey = (await importJWK(jwk, SIGNING_ALG)) as CryptoKey;
  return { kid: jwk.kid as string, alg: SIGNING_ALG, privateKey, publicJwk: publicPart(jwk) };
}

/** An existing key pair under `<dataDir>/keys`, never created; undefined when absent. */
export async function loadSigningKey(dataDir: string, name: string): Promise<SigningKey | undefined> {
  try {
    return await readKey(devKeyFile(dataDir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function loadOrCreateSigningKey(dataDir: string, name: string): Promise<SigningKey> {
  const file = devKeyFile(dataDir, name);
  try {
    return await readKey(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `${name}-${randomUUID().slice(0, 8)}`, alg: SIGNING_ALG };
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temp, JSON.stringify(jwk), { mode: 0o600 });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  return readKey(file);
}

/** Reads the public half of a dev key without creating it; undefined when absent. */
export function readDevPublicJwk(dataDir: string, name: string): JWK | undefined {
  try {
    return publicPart(JSON.parse(readFileSync(devKeyFile(dataDir, name), 'utf8')) as JWK);
  } catch {
    return undefined;
  }
}

/** Replaces a dev key (rotation): the old one stops verifying once verifiers reload. */
export async function rotateDevKey(dataDir: string, name: string): Promise<SigningKey> {
  const file = devKeyFile(dataDir, name);
  try {
    renameSync(file, `${file}.${Date.now()}.retired`);
  } catch {
    /* nothing to retire */
  }
  return loadOrCreateSigningKey(dataDir, name);
}

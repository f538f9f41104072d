import { KeyObject, verify, type webcrypto } from 'node:crypto';
import type { CompactJWSHeaderParameters, FlattenedJWSInput } from 'jose';

/**
 * ES256 compact JWS checked by node:crypto at once. A subgraph verifies one gateway token
 * per call, and WebCrypto's promise per signature (jose's jwtVerify) cost more CPU than
 * the check itself (bench/tools/try-verify-tokens.ts). The checks are jose's for this one
 * algorithm, stricter where our signer never differs: any `crit`, and a `b64` other than
 * true, are refused.
 */
export class InvalidJwsError extends Error {}

export interface CompactJws {
  header: CompactJWSHeaderParameters;
  /** The parts as received, for a key resolver. */
  parts: FlattenedJWSInput & { protected: string; payload: string };
  /** `<header>.<payload>`, the bytes signed. */
  signingInput: string;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** 64 bytes of IEEE P1363 r||s for P-256, unpadded base64url. */
const ES256_SIGNATURE_CHARS = 86;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A plain JSON object, as jose's isObject accepts it. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** One base64url part as a JSON object; anything else is not a JWS/JWT member. */
export function decodeJsonObject(part: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(strictUtf8.decode(Buffer.from(part, 'base64url')));
  } catch {
    throw new InvalidJwsError('not a JSON object');
  }
  if (!isPlainObject(parsed)) throw new InvalidJwsError('not a JSON object');
  return parsed;
}

/** Splits and checks a compact JWS before any key is looked up: three base64url parts, an ES256 header. */
export function parseCompactEs256(token: string): CompactJws {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidJwsError('not three parts');
  const [protectedPart, payload, signature] = parts;
  // Buffer's base64url decoder skips characters outside the alphabet: refuse them first
  if (!BASE64URL.test(protectedPart) || !BASE64URL.test(payload) || !BASE64URL.test(signature)) throw new InvalidJwsError('not base64url');
  if (signature.length !== ES256_SIGNATURE_CHARS) throw new InvalidJwsError('signature length');
  const header = decodeJsonObject(protectedPart);
  if (header.alg !== 'ES256') throw new InvalidJwsError('alg');
  if (header.crit !== undefined) throw new InvalidJwsError('crit');
  if (header.b64 !== undefined && header.b64 !== true) throw new InvalidJwsError('b64');
  if (header.kid !== undefined && typeof header.kid !== 'string') throw new InvalidJwsError('kid');
  return { header: header as CompactJWSHeaderParameters, parts: { protected: protectedPart, payload, signature }, signingInput: `${protectedPart}.${payload}` };
}

const verifyKeys = new WeakMap<object, KeyObject>();

/** The node:crypto form of a resolved key, made once per key; only a public P-256 key verifies ES256. */
function es256PublicKey(resolved: unknown): KeyObject {
  if (typeof resolved !== 'object' || resolved === null) throw new InvalidJwsError('key');
  let key = verifyKeys.get(resolved);
  if (key) return key;
  if (resolved instanceof KeyObject) key = resolved;
  else {
    // what jose's key sets give: a CryptoKey; KeyObject.from refuses anything else
    const cryptoKey = resolved as webcrypto.CryptoKey;
    if (!Array.isArray(cryptoKey.usages) || !cryptoKey.usages.includes('verify')) throw new InvalidJwsError('key');
    try {
      key = KeyObject.from(cryptoKey);
    } catch {
      throw new InvalidJwsError('key');
    }
  }
  if (key.type !== 'public' || key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new InvalidJwsError('key');
  verifyKeys.set(resolved, key);
  return key;
}

/** Whether `jws` carries a valid signature by `resolved` (a key a jose key resolver gave). */
export function es256Verifies(resolved: unknown, jws: CompactJws): boolean {
  const signature = Buffer.from(jws.parts.signature, 'base64url');
  if (signature.length !== 64) return false;
  return verify('sha256', Buffer.from(jws.signingInput), { key: es256PublicKey(resolved), dsaEncoding: 'ieee-p1363' }, signature);
}

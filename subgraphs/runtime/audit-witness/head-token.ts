import { decodeJwt, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import type { SigningKey } from '../../../common/auth/key-store';
import { loadOrCreateSigningKey } from '../../../common/auth/key-store';
import type { ChainHead } from '../audit/audit-chain';

/** Every head and heads request is addressed to a witness, never to a GraphQL audience. */
export const WITNESS_AUDIENCE = 'medalliance-audit-witness';
export const ALLIANCE_SUBGRAPH_ID = 'alliance';

/** `alliance` or `hospital:<id>`: who keeps the chain and signs its heads. */
export function hospitalSubgraphId(hospitalId: string): string {
  return `hospital:${hospitalId}`;
}

/**
 * Each subgraph signs its heads with a key of its own, under `<dataDir>/keys` (never the
 * gateway's key): only that hospital's process holds it; the public half is served at
 * `/.well-known/jwks.json` of its subgraph.
 */
export function loadAuditKey(dataDir: string, subgraphId: string): Promise<SigningKey> {
  return loadOrCreateSigningKey(dataDir, auditKeyName(subgraphId));
}

export function auditKeyName(subgraphId: string): string {
  return `audit-${subgraphId.replace(/:/g, '-')}`;
}

export interface SignedHead extends ChainHead {
  subgraphId: string;
  signedAt: Date;
}

type Use = 'audit-head' | 'read-heads';

function sign(key: SigningKey, subgraphId: string, use: Use, claims: Record<string, unknown>, ttl: string): Promise<string> {
  return new SignJWT({ use, ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(subgraphId)
    .setAudience(WITNESS_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key.privateKey);
}

/** A head: row count, last hash, signing time and signer. Valid for a few minutes in transit; kept for ever. */
export function signHead(key: SigningKey, subgraphId: string, head: ChainHead, at = new Date()): Promise<string> {
  return sign(key, subgraphId, 'audit-head', { rows: head.rows, lastHash: head.lastHash, at: at.toISOString() }, '5m');
}

/** A one-minute request to read this subgraph's own witnessed heads. */
export function signHeadsRequest(key: SigningKey, subgraphId: string): Promise<string> {
  return sign(key, subgraphId, 'read-heads', {}, '60s');
}

/** The claimed signer, before any check: it says whose keys to check with. */
export function claimedSigner(token: string): string | undefined {
  try {
    const iss = decodeJwt(token).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/** Why a token was refused; the message says nothing about keys or URLs. */
export class HeadRefused extends Error {}

function headOf(payload: Record<string, unknown>, subgraphId: string): SignedHead {
  const { rows, lastHash, at } = payload;
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0) throw new HeadRefused('The head has no row count.');
  if (typeof lastHash !== 'string' || !/^[0-9a-f]{64}$/.test(lastHash)) throw new HeadRefused('The head has no last hash.');
  const signedAt = typeof at === 'string' ? new Date(at) : new Date(NaN);
  if (Number.isNaN(signedAt.getTime())) throw new HeadRefused('The head has no signing time.');
  return { subgraphId, rows, lastHash, signedAt };
}

async function verified(token: string, getKey: JWTVerifyGetKey, use: Use, options: { currentDate?: Date } = {}): Promise<{ subgraphId: string; payload: Record<string, unknown> }> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, getKey, {
      audience: WITNESS_AUDIENCE,
      algorithms: ['ES256'],
      ...options,
    }));
  } catch {
    throw new HeadRefused('The signature does not verify with the key the signer publishes.');
  }
  if (payload.use !== use || typeof payload.iss !== 'string') throw new HeadRefused(`This is not a ${use} token.`);
  return { subgraphId: payload.iss, payload };
}

/** Checks a received head against the signer's published keys. */
export async function verifyHead(token: string, getKey: JWTVerifyGetKey): Promise<SignedHead> {
  const { subgraphId, payload } = await verified(token, getKey, 'audit-head');
  return headOf(payload, subgraphId);
}

/**
 * Reads a stored head again (an export, or the witness's answer): the signature must
 * hold, its expiry does not matter — it was checked when the witness received it.
 */
export async function verifyStoredHead(token: string, getKey: JWTVerifyGetKey): Promise<SignedHead> {
  const { subgraphId, payload } = await verified(token, getKey, 'audit-head', {
    currentDate: new Date((decodeJwt(token).iat ?? 0) * 1000),
  });
  return headOf(payload, subgraphId);
}

/** Checks a heads request; the answer is the signer's heads. */
export async function verifyHeadsRequest(token: string, getKey: JWTVerifyGetKey): Promise<string> {
  return (await verified(token, getKey, 'read-heads')).subgraphId;
}

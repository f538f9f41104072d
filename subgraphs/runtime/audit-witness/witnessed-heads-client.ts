import { createLocalJWKSet } from 'jose';
import type { SigningKey } from '../../../common/auth/key-store';
import { signHeadsRequest, verifyStoredHead, type SignedHead } from './head-token';
import { HEADS_PATH } from './witness-routes';

/** Heads as exported for off-site keeping (`medalliance audit heads --export`): each with the signed token. */
export interface HeadsExport {
  subgraphId: string;
  witness: string;
  exportedAt: string;
  heads: {
    rows: number;
    lastHash: string;
    signedAt: string;
    receivedAt?: string;
    token: string;
  }[];
}

export class WitnessUnavailable extends Error {}

/**
 * The heads a witness holds for this subgraph, asked for with a request signed by the
 * subgraph's own audit key (the witness answers a signer only with its own heads).
 */
export async function fetchWitnessedHeads(witnessUrl: string, key: SigningKey, subgraphId: string): Promise<HeadsExport> {
  const heads: HeadsExport['heads'] = [];
  let after: number | null = 0;
  while (after !== null) {
    const url = new URL(HEADS_PATH, witnessUrl);
    if (after > 0) url.searchParams.set('after', String(after));
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${await signHeadsRequest(key, subgraphId)}` }, signal: AbortSignal.timeout(10_000) });
    } catch {
      throw new WitnessUnavailable(`the witness at ${new URL(witnessUrl).origin} did not answer`);
    }
    const body = (await response.json().catch(() => ({}))) as { heads?: (HeadsExport['heads'][number] & { id?: number })[]; next?: number | null; error?: string };
    if (!response.ok || !Array.isArray(body.heads)) throw new WitnessUnavailable(`the witness refused: ${body.error ?? `HTTP ${response.status}`}`);
    for (const { id: _id, ...head } of body.heads) heads.push(head);
    // pages follow each other until one is not full
    after = typeof body.next === 'number' && body.next > after ? body.next : null;
  }
  return { subgraphId, witness: new URL(witnessUrl).origin, exportedAt: new Date().toISOString(), heads };
}

/**
 * Each head as its signature says, checked with this subgraph's public key: what a
 * witness or an export file lists is taken from the signed token only. A head that does
 * not verify is returned apart, as a finding.
 */
export async function verifiedHeads(exported: HeadsExport, key: Pick<SigningKey, 'publicJwk'>): Promise<{ heads: SignedHead[]; unverifiable: number }> {
  const keys = createLocalJWKSet({ keys: [key.publicJwk] });
  const heads: SignedHead[] = [];
  let unverifiable = 0;
  for (const entry of exported.heads) {
    try {
      const head = await verifyStoredHead(String(entry.token), keys);
      if (head.subgraphId !== exported.subgraphId) throw new Error('another signer');
      heads.push(head);
    } catch {
      unverifiable += 1;
    }
  }
  return { heads, unverifiable };
}

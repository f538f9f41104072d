import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { devKeyFile, loadOrCreateSigningKey, type SigningKey } from '../../common/auth/key-store';
import { compareWithHeads } from '../../subgraphs/runtime/audit-witness/compare-heads';
import { auditKeyName } from '../../subgraphs/runtime/audit-witness/head-token';
import { fetchWitnessedHeads, verifiedHeads, WitnessUnavailable, type HeadsExport } from '../../subgraphs/runtime/audit-witness/witnessed-heads-client';
import { UsageError } from '../usage-error';

/** Where the heads to compare with come from: the live witness, or a file exported earlier. */
export type HeadsSource = { witnessUrl: string } | { file: string };

/** The subgraph's own audit key, read only: a missing key is reported, never made (a new key would sign nothing the witness knows). */
export async function existingAuditKey(dataDir: string, subgraphId: string): Promise<SigningKey> {
  const name = auditKeyName(subgraphId);
  if (!existsSync(devKeyFile(dataDir, name)))
    throw new UsageError(`No audit key for "${subgraphId}" under MEDALLIANCE_DATA_DIR/keys (${name}): run this where that subgraph keeps its data.`);
  return loadOrCreateSigningKey(dataDir, name);
}

export async function loadHeads(source: HeadsSource, key: SigningKey, subgraphId: string): Promise<HeadsExport> {
  if ('file' in source) {
    let parsed: HeadsExport;
    try {
      parsed = JSON.parse(readFileSync(source.file, 'utf8')) as HeadsExport;
    } catch (error) {
      throw new UsageError(`--heads ${source.file}: not a heads export (${(error as Error).message.slice(0, 120)})`);
    }
    if (parsed.subgraphId !== subgraphId || !Array.isArray(parsed.heads)) throw new UsageError(`--heads ${source.file}: not an export of ${subgraphId}'s heads.`);
    return parsed;
  }
  return fetchWitnessedHeads(source.witnessUrl, key, subgraphId);
}

/** `medalliance audit heads --export <file>`: the witnessed heads, signatures checked, as JSON for off-site keeping. */
export async function exportHeads(source: HeadsSource, key: SigningKey, subgraphId: string, file: string): Promise<string> {
  const exported = await loadHeads(source, key, subgraphId);
  const { unverifiable } = await verifiedHeads(exported, key);
  writeFileSync(file, `${JSON.stringify(exported, null, 2)}\n`);
  const count = exported.heads.length;
  return `exported ${count} witnessed ${count === 1 ? 'head' : 'heads'} of ${subgraphId} to ${file}${unverifiable ? ` (${unverifiable} do not verify with this subgraph's key)` : ''}`;
}

/**
 * The lines `audit verify` prints about the witnessed heads, and whether they show a
 * problem: truncation, a wiped or replaced chain, a recomputed chain, a head this
 * subgraph did not sign, or no head at all.
 */
export async function checkAgainstWitness(dataSource: DataSource, source: HeadsSource, key: SigningKey, subgraphId: string): Promise<{ ok: boolean; line: string }> {
  let exported: HeadsExport;
  try {
    exported = await loadHeads(source, key, subgraphId);
  } catch (error) {
    if (error instanceof WitnessUnavailable)
      return {
        ok: false,
        line: `witnessed heads UNAVAILABLE: ${error.message}`,
      };
    throw error;
  }
  const { heads, unverifiable } = await verifiedHeads(exported, key);
  if (unverifiable > 0)
    return {
      ok: false,
      line: `witnessed heads FORGED: ${unverifiable} of ${exported.heads.length} heads held for ${subgraphId} do not verify with its audit key`,
    };
  if (heads.length === 0)
    return {
      ok: false,
      line: `witnessed heads MISSING: the witness holds no head of ${subgraphId}: truncation or replacement cannot be ruled out`,
    };
  const comparison = await compareWithHeads(dataSource, heads);
  if (comparison.problem)
    return {
      ok: false,
      line: `audit chain ${comparison.problem.kind}: ${comparison.problem.message}`,
    };
  const newest = heads.reduce((a, b) => (b.rows > a.rows || (b.rows === a.rows && b.signedAt > a.signedAt) ? b : a));
  return {
    ok: true,
    line: `witnessed heads OK: the chain matches ${heads.length === 1 ? 'the one head' : `all ${heads.length} heads`} held by ${exported.witness} (newest: ${newest.rows} ${newest.rows === 1 ? 'row' : 'rows'}, signed ${newest.signedAt.toISOString()})`,
  };
}

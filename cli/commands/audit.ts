import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../common/config/load-config';
import { hospitalSettings } from '../../common/config/hospital-settings';
import { databaseSettings, sharedSettings } from '../../common/config/shared-settings';
import { ALLIANCE_EMBEDDED_KIND } from '../../subgraphs/alliance/alliance-entities';
import { hospitalEmbeddedKind } from '../../subgraphs/hospital/entities';
import { ALLIANCE_SUBGRAPH_ID, hospitalSubgraphId } from '../../subgraphs/runtime/audit-witness/head-token';
import { verifyAuditChain } from '../../subgraphs/runtime/audit/audit-chain';
import { AuditEntry } from '../../subgraphs/runtime/audit/audit-entry.entity';
import { embeddedFile, isMysqlUrl } from '../../subgraphs/runtime/db/create-data-source';
import { EmbeddedFileError, inspectEmbeddedFile } from '../../subgraphs/runtime/db/embedded-file';
import { checkAgainstWitness, existingAuditKey, exportHeads, type HeadsSource } from '../audit/witness-check';
import { UsageError } from '../usage-error';

const USAGE = [
  'Usage: medalliance audit verify --hospital <hospitalId> | --alliance [--witness <url> | --heads <file> | --local-only]',
  '       medalliance audit heads --hospital <hospitalId> | --alliance --export <file> [--witness <url>]',
].join('\n');

/**
 * Opens only the audit table of one process's database, changing nothing: no migrations,
 * no schema sync. The embedded file may be in use by its running process meanwhile (WAL
 * lets a reader see every committed row).
 */
function auditDataSource(databaseUrl: string | undefined, dataDir: string, name: string): DataSource {
  if (isMysqlUrl(databaseUrl)) {
    return new DataSource({ type: 'mysql', url: databaseUrl, entities: [AuditEntry], synchronize: false, migrationsRun: false, timezone: 'Z', charset: 'utf8mb4' });
  }
  const file = embeddedFile({ dataDir, name });
  if (!existsSync(file)) throw new UsageError(`No database for "${name}" under MEDALLIANCE_DATA_DIR (and DATABASE_URL is not set).`);
  try {
    inspectEmbeddedFile(file, name === 'alliance' ? ALLIANCE_EMBEDDED_KIND : hospitalEmbeddedKind(name));
  } catch (error) {
    if (error instanceof EmbeddedFileError) throw new UsageError(error.message);
    throw error;
  }
  return new DataSource({ type: 'better-sqlite3', database: file, fileMustExist: true, synchronize: false, entities: [AuditEntry] });
}

/** The lead member's subgraph URL, from the alliance's own registry: the witness of the alliance's heads. */
async function leadMemberUrl(dataSource: DataSource): Promise<string | undefined> {
  const rows = await dataSource.query<{ url: string }[]>("SELECT subgraph_url AS url FROM alliance_hospital WHERE role = 'LEAD' AND status = 'ACTIVE'");
  return rows[0]?.url;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `medalliance audit verify --hospital <id>` or `--alliance`: walks the member's (or the
 * alliance's) hash-chained audit trail (DESIGN 5) and says whether any row was edited or
 * deleted, then compares it with the signed heads its witness holds (the alliance for a
 * member, the lead member for the alliance; `--witness <url>` names another, `--heads
 * <file>` uses an export), so truncation, a wiped or replaced file and a recomputed chain
 * are found too. Exit 0 when all is well, 1 on any problem. The database is the one that
 * process uses: DATABASE_URL, else its embedded file under MEDALLIANCE_DATA_DIR; its audit
 * key is under MEDALLIANCE_DATA_DIR/keys. Works while the subgraph runs (it only reads).
 * `audit heads --export <file>` writes the witnessed heads as JSON for off-site keeping.
 */
export async function run(argv: string[]): Promise<void> {
  type Values = { hospital?: string; alliance?: boolean; witness?: string; heads?: string; 'local-only'?: boolean; export?: string };
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        hospital: { type: 'string' },
        alliance: { type: 'boolean' },
        witness: { type: 'string' },
        heads: { type: 'string' },
        'local-only': { type: 'boolean' },
        export: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (positionals.length !== 1 || (command !== 'verify' && command !== 'heads')) throw new UsageError(USAGE);
  if (values.alliance && values.hospital) throw new UsageError(`Name one audit trail: --hospital <hospitalId> or --alliance.\n${USAGE}`);
  const name = values.alliance ? 'alliance' : values.hospital;
  if (!name) throw new UsageError(USAGE);
  if (!values.alliance && !/^[a-z0-9][a-z0-9-]{1,62}$/.test(name)) throw new UsageError(`--hospital "${name}" is not a hospital id (lower-case letters, digits and dashes).`);
  if ([values.witness, values.heads, values['local-only']].filter(Boolean).length > 1) throw new UsageError(`Give one of --witness, --heads and --local-only.\n${USAGE}`);
  if (command === 'heads' && (!values.export || values.heads || values['local-only'])) throw new UsageError(USAGE);
  if (command === 'verify' && values.export) throw new UsageError(`--export belongs to "audit heads".\n${USAGE}`);
  if (values.witness) checkWitnessUrl(values.witness);

  const config = loadConfig({ dataDir: sharedSettings.dataDir, databaseUrl: databaseSettings.databaseUrl, allianceUrl: hospitalSettings.allianceUrl });
  const subgraphId = values.alliance ? ALLIANCE_SUBGRAPH_ID : hospitalSubgraphId(name);
  const dataSource = auditDataSource(config.databaseUrl, config.dataDir, name);
  await dataSource.initialize();
  try {
    const witnessUrl = values.witness ?? (values.alliance ? await leadMemberUrl(dataSource) : config.allianceUrl);
    const source: HeadsSource | undefined = values.heads ? { file: values.heads } : witnessUrl ? { witnessUrl } : undefined;
    if (command === 'heads') {
      if (!source) throw new UsageError(`No witness known for ${subgraphId}: pass --witness <url>${values.alliance ? '' : ' or set ALLIANCE_URL'}.`);
      process.stdout.write(`${await exportHeads(source, await existingAuditKey(config.dataDir, subgraphId), subgraphId, values.export!)}\n`);
      return;
    }
    const verdict = await verifyAuditChain(dataSource);
    let ok = verdict.ok;
    if (verdict.ok) {
      process.stdout.write(`audit chain OK: ${plural(verdict.rows, 'row')}\n`);
    } else {
      process.stdout.write(`audit chain BROKEN at row ${verdict.brokenAtSeq}: ${verdict.problem}\n`);
    }
    if (!values['local-only']) {
      const witnessed = source
        ? await checkAgainstWitness(dataSource, source, await existingAuditKey(config.dataDir, subgraphId), subgraphId)
        : {
            ok: false,
            line: `witnessed heads NOT CHECKED: no witness known for ${subgraphId} (pass --witness <url>${values.alliance ? '' : ' or set ALLIANCE_URL'}; --local-only skips this)`,
          };
      process.stdout.write(`${witnessed.line}\n`);
      ok = ok && witnessed.ok;
    }
    if (!ok) process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

function checkWitnessUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new UsageError(`--witness "${url.slice(0, 100)}" is not a URL.`);
  }
  if (protocol !== 'http:' && protocol !== 'https:') throw new UsageError('--witness must be an http(s) URL.');
}

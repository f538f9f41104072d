import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../common/config/load-config';
import { databaseSettings, sharedSettings } from '../../common/config/shared-settings';
import { ALLIANCE_EMBEDDED_KIND } from '../../subgraphs/alliance/alliance-entities';
import { hospitalEmbeddedKind } from '../../subgraphs/hospital/entities';
import { verifyAuditChain } from '../../subgraphs/runtime/audit/audit-chain';
import { AuditEntry } from '../../subgraphs/runtime/audit/audit-entry.entity';
import { embeddedFile, isMysqlUrl } from '../../subgraphs/runtime/db/create-data-source';
import { EmbeddedFileError, inspectEmbeddedFile } from '../../subgraphs/runtime/db/embedded-file';
import { UsageError } from '../usage-error';

const USAGE = 'Usage: medalliance audit verify --hospital <hospitalId> | --alliance';

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

/**
 * `medalliance audit verify --hospital <id>` or `--alliance`: walks the member's (or the
 * alliance's) hash-chained audit trail (DESIGN 5) and says whether any row was edited or
 * deleted. Exit 0 when intact, 1 when broken. The database is the one that process uses: DATABASE_URL, else its
 * embedded file under MEDALLIANCE_DATA_DIR.
 */
export async function run(argv: string[]): Promise<void> {
  let parsed: { values: { hospital?: string; alliance?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: { hospital: { type: 'string' }, alliance: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'verify') throw new UsageError(USAGE);
  if (values.alliance && values.hospital) throw new UsageError(`Name one audit trail: --hospital <hospitalId> or --alliance.\n${USAGE}`);
  const name = values.alliance ? 'alliance' : values.hospital;
  if (!name) throw new UsageError(USAGE);
  if (!values.alliance && !/^[a-z0-9][a-z0-9-]{1,62}$/.test(name)) throw new UsageError(`--hospital "${name}" is not a hospital id (lower-case letters, digits and dashes).`);

  const config = loadConfig({ dataDir: sharedSettings.dataDir, databaseUrl: databaseSettings.databaseUrl });
  const dataSource = auditDataSource(config.databaseUrl, config.dataDir, name);
  await dataSource.initialize();
  try {
    const verdict = await verifyAuditChain(dataSource);
    if (verdict.ok) {
      process.stdout.write(`audit chain OK: ${verdict.rows} rows\n`);
    } else {
      process.stdout.write(`audit chain BROKEN at row ${verdict.brokenAtSeq}: ${verdict.problem}\n`);
      process.exitCode = 1;
    }
  } finally {
    await dataSource.destroy();
  }
}

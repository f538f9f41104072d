import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** `PRAGMA application_id` of every MedAlliance file ("MDLA"): says whose file it is before any table is read. */
export const MEDALLIANCE_APPLICATION_ID = 0x4d444c41;

/** What a database file must hold to be one of ours. */
export interface EmbeddedKind {
  /** In messages: "hospital dh-lead", "alliance". */
  label: string;
  /** A table every database of this kind has; also accepts files written before the header stamp. */
  markerTable?: string;
}

/** An embedded database file that must not be opened, with what to do about it. */
export class EmbeddedFileError extends Error {
  override name = 'EmbeddedFileError';
}

const FIX = 'Nothing was changed. Restore the file from a backup, or move it away to start with a new database.';

function sidecar(file: string, suffix: '-wal' | '-shm' | '-journal'): string {
  return `${file}${suffix}`;
}

function sizeOf(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

/**
 * Whether `file` may be opened as a `kind` database: 'absent' (create it), 'present' (a
 * complete MedAlliance database), or an EmbeddedFileError: empty, truncated, damaged, or
 * someone else's file. An existing file is never re-seeded or overwritten (DESIGN 7); only
 * reads run here.
 */
export function inspectEmbeddedFile(file: string, kind: EmbeddedKind): 'absent' | 'present' {
  if (!existsSync(file)) {
    // A write-ahead log without its database holds committed changes of a file that went missing.
    if (sizeOf(sidecar(file, '-wal')) > 0) {
      throw new EmbeddedFileError(
        `The ${kind.label} database ${file} is missing but its write-ahead log ${sidecar(file, '-wal')} is there. Restore the database file next to it, or move the log away to start with a new database.`,
      );
    }
    return 'absent';
  }
  if (statSync(file).size === 0) throw new EmbeddedFileError(`The ${kind.label} database ${file} is empty (0 bytes), not a MedAlliance database. ${FIX}`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 5000 });
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const check = db.pragma('quick_check(1)', { simple: true }) as string;
    if (check !== 'ok') throw new EmbeddedFileError(`The ${kind.label} database ${file} is damaged (${check}). ${FIX}`);
    const hasMarker = !kind.markerTable || !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(kind.markerTable);
    const ours = applicationId === MEDALLIANCE_APPLICATION_ID || (applicationId === 0 && !!kind.markerTable && hasMarker);
    if (!ours || !hasMarker) throw new EmbeddedFileError(`${file} is not a MedAlliance ${kind.label} database. ${FIX}`);
    return 'present';
  } catch (error) {
    if (error instanceof EmbeddedFileError) throw error;
    // SQLITE_NOTADB, SQLITE_CORRUPT …: a truncated or foreign file
    throw new EmbeddedFileError(
      `The ${kind.label} database ${file} cannot be read (${(error as { code?: string }).code ?? 'unreadable'}): it is truncated, damaged or not a MedAlliance database. ${FIX}`,
    );
  } finally {
    db?.close();
  }
}

/** Flushes a directory entry (a rename) to disk. */
function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeWithSidecars(file: string): void {
  for (const f of [file, sidecar(file, '-wal'), sidecar(file, '-shm'), sidecar(file, '-journal')]) rmSync(f, { force: true });
}

/**
 * Creates `file` atomically: `build` fills `<file>.new` (schema, stamp, seed) and closes it,
 * then it is renamed into place. A crash while building leaves no `file`, so the next start
 * builds again instead of finding a half-seeded database. The file is 0600 from the start
 * (SQLite gives its -wal and -shm the same mode).
 */
export async function createEmbeddedFile(file: string, build: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${file}.new`;
  removeWithSidecars(temp);
  closeSync(openSync(temp, 'wx', 0o600));
  try {
    await build(temp);
    const fd = openSync(temp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // a stale log of an earlier file must never be replayed onto the new one
    for (const f of [sidecar(file, '-wal'), sidecar(file, '-shm')]) rmSync(f, { force: true });
    renameSync(temp, file);
    fsyncDirectory(path.dirname(file));
  } finally {
    removeWithSidecars(temp);
  }
}

/**
 * True while another connection (the running member, another CLI) has `file` open. In WAL
 * mode every open connection holds a shared lock on the file, so an exclusive lock is
 * refused at once; the operating system drops those locks when a process dies, so a
 * killed process never leaves the file looking busy.
 */
export function isEmbeddedFileInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
    throw error;
  } finally {
    db.close();
  }
}

/** Data files are readable by their owner only (0600); earlier versions wrote 0644. */
export function restrictFileModes(file: string): void {
  for (const f of [file, sidecar(file, '-wal'), sidecar(file, '-shm')]) {
    if (existsSync(f) && (statSync(f).mode & 0o077) !== 0) tryChmod(f, 0o600);
  }
}

/** The data directory is the owner's only (0700); a directory someone else owns is left as it is. */
export function ensurePrivateDirectory(dir: string): void {
  // mkdirSync's mode is masked by the umask; the chmod below makes it exact
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) tryChmod(dir, 0o700);
}

function tryChmod(target: string, mode: number): void {
  try {
    chmodSync(target, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}

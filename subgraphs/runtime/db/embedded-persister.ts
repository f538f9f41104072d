import { renameSync, writeFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';

/** Statements that change the embedded database and so make the file stale. */
const WRITE_STATEMENT = /^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|COMMIT)\b/i;

export function isWriteStatement(sql: string): boolean {
  return WRITE_STATEMENT.test(sql);
}

interface SqljsDriverLike {
  queryRunner?: { isTransactionActive: boolean };
  export(): Uint8Array;
}

/**
 * Writes the embedded (sql.js) database to its file at most every `intervalMs` after a
 * change, and once more when the DataSource closes. TypeORM's own autoSave exports the
 * whole database after every statement outside a transaction — an audit row per PHI
 * read made that the cost of every read. A crash can lose the last interval's writes;
 * production runs on MySQL. The file is replaced atomically (write, then rename).
 */
export class EmbeddedPersister {
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly file: string,
    private readonly intervalMs: number,
  ) {}

  noteStatement(sql: string): void {
    if (!this.dirty && isWriteStatement(sql)) this.dirty = true;
  }

  start(): void {
    this.timer = setInterval(() => this.flush(false), this.intervalMs);
    this.timer.unref();
  }

  /** Saves now if anything changed; skipped while a transaction is open (export would end it). */
  flush(final: boolean): void {
    if (!this.dirty || !this.dataSource.isInitialized) return;
    const driver = this.dataSource.driver as unknown as SqljsDriverLike;
    if (driver.queryRunner?.isTransactionActive && !final) return;
    this.dirty = false;
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.from(driver.export()));
    renameSync(temp, this.file);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.flush(true);
  }
}

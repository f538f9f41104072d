import { LessThanOrEqual, type DataSource } from 'typeorm';
import { memberKeyName, signMemberToken } from '../../../common/auth/member-token';
import { loadOrCreateSigningKey } from '../../../common/auth/key-store';
import type { Logger } from '../../../common/log';
import { inTransaction } from '../../runtime/db/serialized-transaction';
import { sendLink } from './alliance-link-client';
import type { ChartToLink } from './enqueue-link';
import { linkRetryDelay } from './link-backoff';
import { LinkOutboxEntity } from './link-outbox.entity';

export interface LinkDrainerOptions {
  dataSource: DataSource;
  hospitalId: string;
  dataDir: string;
  allianceUrl: string;
  logger: Logger;
  /** How often the outbox is looked at when nothing is due (rows written by `import-fhir`). */
  pollMs: number;
  /** First retry delay, doubled per failure up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export interface LinkDrainer {
  /** Look at the outbox now (a chart was just registered). */
  kick(): void;
  /** Links waiting, for /readyz. */
  pending(): Promise<number>;
  close(): Promise<void>;
}

const BATCH = 20;

/**
 * Delivers the outbox to the alliance (`linkPatientRecord`, the member's own token) one
 * row at a time, oldest first; a row goes only when the alliance answered with the
 * person. A failure keeps the row and sets its next attempt with backoff: charts are never
 * silently left unlinked. Logs say how many links wait and the last error code, never
 * which patient.
 */
export function startLinkDrainer(options: LinkDrainerOptions): LinkDrainer {
  const { dataSource, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  let lastReported = 0;

  const pending = async () => (dataSource.isInitialized ? dataSource.manager.count(LinkOutboxEntity) : 0);

  const attempt = async (row: LinkOutboxEntity, authorization: string): Promise<string | null> => {
    const result = await sendLink({
      allianceUrl: options.allianceUrl,
      authorization,
      hospitalId: options.hospitalId,
      idempotencyKey: row.id,
      chart: { ...(JSON.parse(row.payload) as Omit<ChartToLink, 'mrn'>), mrn: row.mrn },
    });
    if (result.linked) {
      await inTransaction(dataSource, (manager) => manager.delete(LinkOutboxEntity, { id: row.id }));
      return null;
    }
    const attempts = row.attempts + 1;
    const nextAttemptAt = new Date(Date.now() + linkRetryDelay(attempts, options.baseBackoffMs, options.maxBackoffMs));
    await inTransaction(dataSource, (manager) => manager.update(LinkOutboxEntity, { id: row.id }, { attempts, nextAttemptAt, lastError: result.code }));
    return result.code;
  };

  const pass = async (): Promise<void> => {
    if (!dataSource.isInitialized) return;
    // read in the write queue: on the one embedded connection a read beside an open transaction would see its uncommitted rows
    const due = await inTransaction(dataSource, (manager) =>
      manager.find(LinkOutboxEntity, { where: { nextAttemptAt: LessThanOrEqual(new Date()) }, order: { createdAt: 'ASC', id: 'ASC' }, take: BATCH }),
    );
    let lastCode: string | null = null;
    let delivered = 0;
    if (due.length > 0) {
      const key = await loadOrCreateSigningKey(options.dataDir, memberKeyName(options.hospitalId));
      const authorization = `Bearer ${await signMemberToken(key, options.hospitalId)}`;
      for (const row of due) {
        const code = await attempt(row, authorization);
        if (code === null) delivered += 1;
        else lastCode = code;
        // the alliance is down: the other rows wait their turn instead of timing out one by one
        if (code === 'ALLIANCE_UNAVAILABLE') break;
      }
    }
    const waiting = await pending();
    if (lastCode) logger.warn({ pendingLinks: waiting, code: lastCode }, 'patient links wait for the alliance');
    else if (delivered > 0) logger.info({ delivered, pendingLinks: waiting }, 'patient links delivered to the alliance');
    else if (waiting !== lastReported) logger.info({ pendingLinks: waiting }, 'patient links waiting');
    lastReported = waiting;
    if (due.length === BATCH && !lastCode) again = true;
  };

  const schedule = (delayMs: number) => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
    timer.unref();
  };

  function run(): void {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = pass()
      .catch((error: unknown) => logger.warn({ code: 'LINK_OUTBOX_FAILED', err: { name: (error as Error).name } }, 'the patient link outbox could not be read'))
      .then(async () => {
        running = undefined;
        if (again) return schedule(0);
        const next = dataSource.isInitialized ? await dataSource.manager.findOne(LinkOutboxEntity, { where: {}, order: { nextAttemptAt: 'ASC' } }).catch(() => null) : null;
        // rows also come from import-fhir, another process writing the same database (MySQL, or
        // the embedded file in WAL mode): look again at least every pollMs
        const untilDue = next ? Math.max(0, next.nextAttemptAt.getTime() - Date.now()) : undefined;
        schedule(Math.min(untilDue ?? options.pollMs, options.pollMs));
      });
  }

  schedule(0);
  return {
    kick: () => schedule(0),
    pending,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}

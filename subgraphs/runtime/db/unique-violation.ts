/** Whether a database error is a unique-key violation (MySQL ER_DUP_ENTRY, SQLite UNIQUE constraint). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number; message?: string }; message?: string };
  const driver = e?.driverError ?? e;
  if (driver?.code === 'ER_DUP_ENTRY' || driver?.errno === 1062) return true;
  return /UNIQUE constraint failed/i.test(driver?.message ?? e?.message ?? '');
}

/** Whether MySQL chose this transaction as a deadlock victim (or gave up waiting for a lock): safe to run again. */
export function isRetryableLockError(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const driver = e?.driverError ?? e;
  return driver?.code === 'ER_LOCK_DEADLOCK' || driver?.errno === 1213;
}

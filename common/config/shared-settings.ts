import { boolSetting, enumSetting, instantSetting, intSetting, stringSetting, urlSetting } from './setting';

/** Settings every process reads. Each process adds its own in `<process>-settings.ts`. */
export const sharedSettings = {
  dataDir: stringSetting('MEDALLIANCE_DATA_DIR', 'Directory for embedded databases, dev keys and the last good registry.', './data'),
  logLevel: enumSetting('LOG_LEVEL', 'Minimum level written to the JSON log.', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  production: boolSetting('MEDALLIANCE_PRODUCTION', 'Production mode: internal errors are masked, dev keys are refused.', false),
  host: stringSetting('HOST', 'Interface to listen on.', '127.0.0.1'),
};

/** A subgraph's own database: embedded SQLite file by default, MySQL/MariaDB when set. */
export const databaseSettings = {
  databaseUrl: urlSetting(
    'DATABASE_URL',
    'mysql://user:password@host:port/database for MySQL/MariaDB; unset = embedded SQLite file <MEDALLIANCE_DATA_DIR>/<name>.sqlite (WAL, every commit on disk before the answer).',
    ['mysql:'],
  ),
};

/**
 * The demo alliance's seed. Every process derives its part from the same numbers (and
 * the same anchor, which `medalliance start` hands to all of them), so records join up.
 */
export const seedSettings = {
  seedHospitals: intSetting(
    'MEDALLIANCE_SEED_HOSPITALS',
    'Hospitals in the seeded demo alliance (the four East Lake hospitals, then generated members); every process must use the same number.',
    4,
    1,
    200,
  ),
  seedPatients: intSetting('MEDALLIANCE_SEED_PATIENTS', 'People in the seeded demo alliance (master patient index and their charts).', 200, 1, 100000),
  seedAnchor: instantSetting(
    'MEDALLIANCE_SEED_ANCHOR',
    'RFC 3339 instant the seeded history (results over the 180 days before it, referrals, dispatches) is relative to; unset = the moment of seeding.',
  ),
};

/** Witnessed audit chain heads (DESIGN 5), read by every subgraph. */
export const auditWitnessSettings = {
  auditHeadIntervalMs: intSetting(
    'MEDALLIANCE_AUDIT_HEAD_INTERVAL_MS',
    'How often (ms) a subgraph signs its audit chain head (row count, last hash, time) with its own key and sends it to its witness outside the hospital; also sent at start and at shutdown. At most a minute.',
    60_000,
    100,
    60_000,
  ),
};

import { boolSetting, enumSetting, stringSetting, urlSetting } from './setting';

/** Settings every process reads. Each process adds its own in `<process>-settings.ts`. */
export const sharedSettings = {
  dataDir: stringSetting('MEDALLIANCE_DATA_DIR', 'Directory for embedded databases, dev keys and the last good registry.', './data'),
  logLevel: enumSetting('LOG_LEVEL', 'Minimum level written to the JSON log.', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  production: boolSetting('MEDALLIANCE_PRODUCTION', 'Production mode: internal errors are masked, dev keys are refused.', false),
  host: stringSetting('HOST', 'Interface to listen on.', '127.0.0.1'),
};

/** A subgraph's own database: sql.js file by default, MySQL/MariaDB when set. */
export const databaseSettings = {
  databaseUrl: urlSetting('DATABASE_URL', 'mysql://user:password@host:port/database for MySQL/MariaDB; unset = embedded sql.js file under MEDALLIANCE_DATA_DIR.', ['mysql:']),
};

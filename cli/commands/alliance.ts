import { parseArgs } from 'node:util';
import { allianceSettings } from '../../common/config/alliance-settings';
import { ConfigError, loadConfig } from '../../common/config/load-config';
import { createLogger } from '../../common/log';
import { parseDateTime } from '../../subgraphs/runtime/schema/scalars';
import { startAllianceSubgraph } from '../../subgraphs/alliance/start-alliance';
import { UsageError } from '../usage-error';

function seedAnchor(raw: string | undefined): Date {
  if (!raw) return new Date();
  try {
    return parseDateTime(raw);
  } catch {
    throw new ConfigError([`MEDALLIANCE_SEED_ANCHOR must be an RFC 3339 date-time such as 2026-01-31T08:00:00Z, got "${raw.slice(0, 40)}"`]);
  }
}

/** `medalliance alliance [--port N]`: the alliance subgraph; seeds the demo alliance into an empty database. */
export async function run(argv: string[]): Promise<void> {
  let values: { port?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nUsage: medalliance alliance [--port N]`);
  }
  const config = loadConfig(allianceSettings);
  let port = config.port;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port must be a port number, got "${values.port}".`);
    port = Number(values.port);
  }
  const logger = createLogger('alliance', config.logLevel);
  const running = await startAllianceSubgraph({
    port,
    host: config.host,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    timeZone: config.timeZone,
    memberUrls: config.memberUrls,
    gatewayJwksUrl: config.gatewayJwksUrl,
    production: config.production,
    seedIfEmpty: { hospitalCount: config.seedHospitals, patients: config.seedPatients, anchor: seedAnchor(config.seedAnchor) },
    logger,
  });

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'alliance subgraph stopping');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'alliance subgraph did not close cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

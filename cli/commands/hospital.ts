import { parseArgs } from 'node:util';
import { hospitalSettings } from '../../common/config/hospital-settings';
import { loadConfig } from '../../common/config/load-config';
import { createLogger } from '../../common/log';
import { findRosterHospital } from '../../subgraphs/runtime/seed/roster';
import { startHospitalSubgraph } from '../../subgraphs/hospital/start-hospital';
import { UsageError } from '../usage-error';

/** `medalliance hospital --id <hospitalId> [--port N]`: one member's subgraph; flags win over env. */
export async function run(argv: string[]): Promise<void> {
  let values: { id?: string; port?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { id: { type: 'string' }, port: { type: 'string' } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nUsage: medalliance hospital --id <hospitalId> [--port N]`);
  }
  const config = loadConfig(hospitalSettings);
  const hospitalId = values.id ?? config.hospitalId;
  if (!hospitalId) throw new UsageError('Name the hospital: medalliance hospital --id <hospitalId> (or set HOSPITAL_ID).');
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(hospitalId)) throw new UsageError(`--id "${hospitalId}" is not a hospital id (lower-case letters, digits and dashes).`);

  let port = config.port;
  if (values.port !== undefined) {
    if (!/^\d+$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port must be a port number, got "${values.port}".`);
    port = Number(values.port);
  }
  if (port === undefined) {
    const rostered = findRosterHospital(hospitalId);
    if (!rostered) throw new UsageError(`Unknown hospital "${hospitalId}": it is not in the demo roster, so give its port with --port N.`);
    port = rostered.port;
  }

  const logger = createLogger(`hospital:${hospitalId}`, config.logLevel);
  const running = await startHospitalSubgraph({
    hospitalId,
    port,
    host: config.host,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    seedPatients: config.seedPatients,
    seedHospitals: config.seedHospitals,
    production: config.production,
    logger,
  });

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'hospital subgraph stopping');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'hospital subgraph did not close cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

import { parseArgs } from 'node:util';
import { hospitalSettings } from '../../common/config/hospital-settings';
import { loadConfig } from '../../common/config/load-config';
import { checkProductionJwks, loadTls } from '../../common/config/tls-settings';
import { createLogger } from '../../common/log';
import { findRosterHospital } from '../../subgraphs/runtime/seed/roster';
import { startHospitalSubgraph } from '../../subgraphs/hospital/start-hospital';
import { ownSignals } from '../close-on-signal';
import { portFlag } from '../port-flag';
import { UsageError } from '../usage-error';

/** `medalliance hospital --id <hospitalId> [--port N]`: one member's subgraph; flags win over env. */
export async function run(argv: string[]): Promise<void> {
  let values: { id?: string; port?: string; 'no-seed'?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { id: { type: 'string' }, port: { type: 'string' }, 'no-seed': { type: 'boolean' } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nUsage: medalliance hospital --id <hospitalId> [--port N] [--no-seed]`);
  }
  const config = loadConfig(hospitalSettings);
  checkProductionJwks(config.production, { MEDALLIANCE_GATEWAY_JWKS_URL: config.gatewayJwksUrl });
  const tls = loadTls(config);
  const hospitalId = values.id ?? config.hospitalId;
  if (!hospitalId) throw new UsageError('Name the hospital: medalliance hospital --id <hospitalId> (or set HOSPITAL_ID).');
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(hospitalId)) throw new UsageError(`--id "${hospitalId}" is not a hospital id (lower-case letters, digits and dashes).`);

  let port = portFlag(values.port, config.port);
  if (port === undefined) {
    const rostered = findRosterHospital(hospitalId);
    if (!rostered) throw new UsageError(`Unknown hospital "${hospitalId}": it is not in the demo roster, so give its port with --port N.`);
    port = rostered.port;
  }

  const logger = createLogger(`hospital:${hospitalId}`, config.logLevel);
  const signals = ownSignals('hospital subgraph', logger);
  const running = await startHospitalSubgraph({
    hospitalId,
    port,
    host: config.host,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    seedPatients: config.seedPatients,
    seedHospitals: config.seedHospitals,
    seedAnchor: config.seedAnchor,
    seed: values['no-seed'] ? false : config.seed,
    gatewayJwksUrl: config.gatewayJwksUrl,
    tls,
    allianceUrl: config.allianceUrl,
    linkPollMs: config.linkPollMs,
    linkRetryMaxMs: config.linkRetryMaxMs,
    auditHeadIntervalMs: config.auditHeadIntervalMs,
    production: config.production,
    logger,
  });

  signals.closeWith(() => running.close());
}

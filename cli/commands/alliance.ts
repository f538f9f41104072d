import { parseArgs } from 'node:util';
import { allianceSettings } from '../../common/config/alliance-settings';
import { loadConfig } from '../../common/config/load-config';
import { checkProductionJwks, loadTls } from '../../common/config/tls-settings';
import { createLogger } from '../../common/log';
import { startAllianceSubgraph } from '../../subgraphs/alliance/start-alliance';
import { ownSignals } from '../close-on-signal';
import { portFlag } from '../port-flag';
import { UsageError } from '../usage-error';

/** `medalliance alliance [--port N]`: the alliance subgraph; seeds the demo alliance into an empty database. */
export async function run(argv: string[]): Promise<void> {
  let values: { port?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nUsage: medalliance alliance [--port N]`);
  }
  const config = loadConfig(allianceSettings);
  checkProductionJwks(config.production, { MEDALLIANCE_GATEWAY_JWKS_URL: config.gatewayJwksUrl });
  const tls = loadTls(config);
  const port = portFlag(values.port, config.port);
  const logger = createLogger('alliance', config.logLevel);
  const signals = ownSignals('alliance subgraph', logger);
  const running = await startAllianceSubgraph({
    port,
    host: config.host,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    timeZone: config.timeZone,
    memberUrls: config.memberUrls,
    gatewayJwksUrl: config.gatewayJwksUrl,
    tls,
    auditHeadIntervalMs: config.auditHeadIntervalMs,
    production: config.production,
    seedIfEmpty: { hospitalCount: config.seedHospitals, patients: config.seedPatients, anchor: config.seedAnchor ?? new Date() },
    logger,
  });

  signals.closeWith(() => running.close());
}

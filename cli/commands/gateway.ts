import { parseArgs } from 'node:util';
import { loadGatewayConfig } from '../../common/config/gateway-settings';
import { createLogger } from '../../common/log';
import { startGateway } from '../../gateway/start-gateway';
import { ownSignals } from '../close-on-signal';
import { UsageError } from '../usage-error';

const USAGE = 'Usage: medalliance gateway [--port N]   (other settings: docs/CONFIGURATION.md)';

/** `medalliance gateway`: the gateway in the foreground until SIGINT/SIGTERM. */
export async function run(argv: string[]): Promise<void> {
  let values: { port?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const env = { ...process.env };
  if (values.port !== undefined) env.PORT = values.port;
  const config = loadGatewayConfig(env);
  const logger = createLogger('gateway', config.logLevel);
  const signals = ownSignals('gateway', logger);
  const gateway = await startGateway(config, { logger });
  signals.closeWith(() => gateway.close());
}

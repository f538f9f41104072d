import { DEV_ISSUER_KEY_NAME, issueDevToken } from '../../common/auth/caller-token';
import { GATEWAY_KEY_NAME } from '../../common/auth/gateway-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { loadConfig } from '../../common/config/load-config';
import { sharedSettings } from '../../common/config/shared-settings';
import { stackSettings } from '../../common/config/stack-settings';
import { allianceRoster } from '../../subgraphs/runtime/seed/roster';
import { checkDemoPorts } from '../stack/check-ports';
import { startDemoStack, type DemoStack } from '../stack/demo-stack';
import { UsageError } from '../usage-error';

/** `medalliance start` (= `npm start`): the whole demo alliance, then the GraphiQL URL and a dev token. */
export async function run(argv: string[]): Promise<void> {
  if (argv.length > 0) throw new UsageError('medalliance start takes no arguments; configure it with environment variables (docs/CONFIGURATION.md).');
  const config = loadConfig({ ...sharedSettings, ...stackSettings });
  if (config.production) throw new UsageError('medalliance start runs the demo alliance with dev keys; it refuses MEDALLIANCE_PRODUCTION=true.');

  await checkDemoPorts([
    { name: 'gateway', port: config.gatewayPort, setting: 'GATEWAY_PORT' },
    { name: 'alliance subgraph', port: config.alliancePort, setting: 'ALLIANCE_PORT' },
    ...allianceRoster(config.hospitals).map((h, i) => ({ name: `member ${h.id}`, port: config.hospitalBasePort + i, setting: 'HOSPITAL_BASE_PORT' })),
  ]);

  // Create the dev keys once, before the children race for them.
  const issuer = await loadOrCreateSigningKey(config.dataDir, DEV_ISSUER_KEY_NAME);
  await loadOrCreateSigningKey(config.dataDir, GATEWAY_KEY_NAME);

  // GraphiQL's schema explorer needs introspection; the children inherit this environment.
  process.env.MEDALLIANCE_INTROSPECTION ||= 'true';
  process.stdout.write(`Starting the East Lake Medical Alliance demo (${config.hospitals} hospitals, ${config.mysqlUrl ? 'MySQL' : 'embedded SQLite databases'}) …\n`);
  let shuttingDown = false;
  // the one owner of this process's signals, from before the children start
  let stopRequested = false;
  // eslint-disable-next-line prefer-const -- the signal handler reads it before the stack has started: a const declared below would be in its temporal dead zone then
  let stack: DemoStack | undefined;
  const onSignal = () => {
    stopRequested = true;
    if (stack) void shutdown(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  stack = await startDemoStack({
    dataDir: config.dataDir,
    hospitals: config.hospitals,
    gatewayPort: config.gatewayPort,
    alliancePort: config.alliancePort,
    hospitalBasePort: config.hospitalBasePort,
    mysqlUrl: config.mysqlUrl,
    logLevel: config.logLevel,
    onUnexpectedExit: (name, code) => {
      if (shuttingDown) return;
      // Ctrl-C reaches the whole process group: a child that exits cleanly first means we are stopping too.
      if (code === 0) {
        void shutdown(0);
        return;
      }
      process.stderr.write(`${name} stopped unexpectedly (exit ${code}); see its log under ${config.dataDir}/logs.\n`);
      if (name === 'gateway' || name === 'alliance') void shutdown(1);
    },
  });

  const token = await issueDevToken(issuer, { role: 'clinician', hospitalId: 'dh-lead', staffId: 'demo', ttl: '12h' });
  const base = `http://127.0.0.1:${stack.gateway.port}`;
  const dashboardToken = await issueDevToken(issuer, { role: 'dashboard', ttl: '12h' });
  process.stdout.write(
    [
      '',
      'East Lake Medical Alliance is running (DEV MODE: dev signing keys under the data directory).',
      `  GraphiQL:   ${base}/graphql#token=${token}`,
      `  Health:     ${base}/readyz   Metrics: ${base}/metrics`,
      `  Dashboard:  ${base}/dashboard#token=${dashboardToken}`,
      `  FHIR R4:    ${base}/fhir/r4/Patient/MPI-000001  (clinician token and X-Purpose-Of-Use)`,
      `  Members:    ${stack.members.map((m) => m.name).join(', ')}${stack.failedMembers.length ? `  (not started: ${stack.failedMembers.map((f) => f.id).join(', ')})` : ''}`,
      `  Logs:       ${stack.logDir}`,
      '',
      'Open the GraphiQL address above: it carries a dev token (clinician at dh-lead, 12 h) and a first query.',
      'Every GraphQL request needs a token (401 without one); for curl or another client send these headers:',
      `  {"Authorization": "Bearer ${token}", "X-Purpose-Of-Use": "TREATMENT"}`,
      '',
      'Other roles: npx medalliance token --role analyst|dashboard|admin [--hospital <id>]',
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );

  async function shutdown(code: number) {
    if (shuttingDown || !stack) return;
    shuttingDown = true;
    process.stdout.write('Stopping the demo alliance …\n');
    const exits = await stack.stop();
    const unclean = exits.filter((e) => e.code !== 0);
    for (const e of unclean) process.stderr.write(`${e.name} did not stop cleanly (${e.signal ?? `exit ${e.code}`}); see its log under ${stack.logDir}.\n`);
    process.stdout.write('Stopped.\n');
    process.exit(unclean.length > 0 ? 1 : code);
  }
  if (stopRequested) await shutdown(0);
}

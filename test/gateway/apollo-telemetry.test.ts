import { execFileSync } from 'node:child_process';
import path from 'node:path';

const START_GATEWAY = path.join(__dirname, '..', '..', 'dist', 'gateway', 'start-gateway.js');

/** Loads the built gateway module in a fresh node and reports what loading it brought in. */
function loadGatewayModule(env: NodeJS.ProcessEnv): { setting: string; reporter: boolean; reportingModules: string[] } {
  const script = `
    require(${JSON.stringify(START_GATEWAY)});
    const loaded = Object.keys(require.cache);
    console.log(JSON.stringify({
      setting: process.env.APOLLO_TELEMETRY_DISABLED,
      reporter: loaded.some((f) => f.endsWith(require('node:path').join('@apollo', 'gateway', 'dist', 'utilities', 'opentelemetry.js'))),
      reportingModules: loaded.filter((f) => /resource-detector|sdk-metrics|exporter-metrics-otlp/.test(f)),
    }));`;
  const childEnv = { ...process.env, ...env };
  if (env.APOLLO_TELEMETRY_DISABLED === undefined) delete childEnv.APOLLO_TELEMETRY_DISABLED;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: childEnv, encoding: 'utf8' }));
}

/**
 * @apollo/gateway reports host figures to Apollo and probes cloud metadata endpoints
 * unless told not to (gateway/apollo/telemetry-off.ts): the gateway says no by default,
 * and does not load the modules that reporting needs.
 */
describe('Apollo gateway telemetry', () => {
  it('is off by default, and its reporting modules are not loaded', () => {
    const loaded = loadGatewayModule({});
    expect(loaded.setting).toBe('true');
    // the module that would report is loaded: the path the switch watches is still right
    expect(loaded.reporter).toBe(true);
    expect(loaded.reportingModules).toEqual([]);
  });

  it('stays as an operator sets it explicitly', () => {
    const loaded = loadGatewayModule({ APOLLO_TELEMETRY_DISABLED: 'false' });
    expect(loaded.setting).toBe('false');
    expect(loaded.reportingModules.length).toBeGreaterThan(0);
  });
});

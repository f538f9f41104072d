#!/usr/bin/env node
import 'reflect-metadata';
import { ConfigError } from '../common/config/load-config';
import { startTracingFromEnv } from '../common/tracing';

/**
 * `medalliance <command>`: one file per command under cli/commands, loaded only when
 * asked for, because each subgraph's type-graphql metadata is global to its process.
 */
interface Command {
  summary: string;
  load: () => Promise<{ run(argv: string[]): Promise<void> }>;
}

const COMMANDS: Record<string, Command> = {
  start: { summary: 'run the whole demo alliance: alliance, every member as its own process, gateway', load: () => loadCommand('start') },
  gateway: { summary: 'run the gateway', load: () => loadCommand('gateway') },
  alliance: { summary: 'run the alliance subgraph (lead hospital)', load: () => loadCommand('alliance') },
  hospital: { summary: 'run one hospital subgraph: --id <hospitalId> [--port N]', load: () => loadCommand('hospital') },
  seed: { summary: 'seed databases: [--hospitals N] [--patients N] [--only <id|alliance>] [--reset]', load: () => loadCommand('seed') },
  audit: { summary: 'verify a hash-chained audit trail against its witnessed heads: verify --hospital <id> | --alliance; heads --export <file>', load: () => loadCommand('audit') },
  token: { summary: 'print a dev token: --role <role> --hospital <id> [--staff <id>] [--ttl 1h]', load: () => loadCommand('token') },
  'check-hospital': {
    summary: "check a partner's subgraph against the contract: --url <subgraph url> | --schema <file> [--contract <file>]; exit 0 current, 1 refused, 2 older version",
    load: () => loadCommand('check-hospital'),
  },
  'import-fhir': {
    summary: "load a FHIR R4 Bundle of Patients and Observations into a hospital's database: --hospital <id> <bundle.json>",
    load: () => loadCommand('import-fhir'),
  },
  migrate: { summary: 'apply pending MySQL/MariaDB migrations to DATABASE_URL: --hospital <id> | --alliance', load: () => loadCommand('migrate') },
  'config-docs': { summary: 'write docs/CONFIGURATION.md from the settings schema: [--check]', load: () => loadCommand('config-docs') },
  compose: { summary: 'write schema/supergraph.graphql', load: () => loadCommand('compose') },
  'print-schema': { summary: 'write schema/hospital.graphql and schema/alliance.graphql from the code', load: () => loadCommand('print-schema') },
};

/** Resolved at run time so that a command's module (and its schema) loads only when used. */
async function loadCommand(file: string): Promise<{ run(argv: string[]): Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`./commands/${file}`) as { run(argv: string[]): Promise<void> };
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`);
  return `Usage: medalliance <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}`);
    process.exitCode = 2;
    return;
  }
  // Before the command loads: http and undici are instrumented as they are required.
  const idFlag = rest.indexOf('--id');
  startTracingFromEnv(`medalliance-${name}${name === 'hospital' && idFlag >= 0 && rest[idFlag + 1] ? `-${rest[idFlag + 1]}` : ''}`);
  let module: { run(argv: string[]): Promise<void> };
  try {
    module = await command.load();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
      process.stderr.write(`The "${name}" command is not available in this build.\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  await module.run(rest);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else if (error instanceof Error && error.name === 'UsageError') {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`medalliance: ${(error as Error)?.message ?? String(error)}\n`);
  }
  process.exitCode = 1;
});

import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { allianceRoster, FIRST_HOSPITAL_PORT } from '../../subgraphs/runtime/seed/roster';
import { databaseUrlFor, ensureDatabases } from './mysql-databases';
import { spawnService, type SpawnedService } from './spawn-service';

export interface DemoStackOptions {
  dataDir: string;
  hospitals: number;
  gatewayPort: number;
  alliancePort: number;
  /** Port of the first member; the others follow in roster order. */
  hospitalBasePort?: number;
  mysqlUrl?: string;
  logLevel: string;
  /** Told about a child that stops on its own (a member going offline is survivable). */
  onUnexpectedExit?: (name: string, code: number | null) => void;
}

export interface DemoStack {
  gateway: SpawnedService;
  alliance: SpawnedService;
  members: SpawnedService[];
  failedMembers: { id: string; reason: string }[];
  logDir: string;
  /** SIGTERM to the gateway, then to the subgraphs; resolves with how each child ended. */
  stop(): Promise<ChildExit[]>;
}

export interface ChildExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The whole demo alliance as separate processes: the alliance subgraph, every member's
 * hospital subgraph with its own database, then the gateway. Each child's JSON log goes
 * to `<dataDir>/logs/<name>.log`. A member that fails to start is reported, not fatal:
 * the gateway starts without it.
 */
export async function startDemoStack(options: DemoStackOptions): Promise<DemoStack> {
  const dataDir = path.resolve(options.dataDir);
  const logDir = path.join(dataDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const base = options.hospitalBasePort ?? FIRST_HOSPITAL_PORT;
  const roster = allianceRoster(options.hospitals).map((hospital, i) => ({ ...hospital, port: base + i }));
  // the registry the alliance seeds names the default ports; these are the ones used
  const memberUrls = Object.fromEntries(roster.map((h) => [h.id, `http://127.0.0.1:${h.port}/graphql`]));
  if (options.mysqlUrl) await ensureDatabases(options.mysqlUrl, ['alliance', ...roster.map((h) => h.id)]);

  const logs: WriteStream[] = [];
  const running: SpawnedService[] = [];
  let stopping = false;
  // One anchor for every process, so that the alliance's references to results agree with the charts the members seed.
  const anchor = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
  const baseEnv = {
    MEDALLIANCE_DATA_DIR: dataDir,
    LOG_LEVEL: options.logLevel,
    MEDALLIANCE_SEED_HOSPITALS: String(options.hospitals),
    MEDALLIANCE_SEED_ANCHOR: process.env.MEDALLIANCE_SEED_ANCHOR || anchor,
  };
  const launch = async (name: string, args: string[], env: NodeJS.ProcessEnv) => {
    const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
    logs.push(log);
    const service = await spawnService({ name, args, env: { ...baseEnv, ...env }, onOutput: (chunk) => log.write(chunk) });
    running.push(service);
    service.child.once('exit', (code) => {
      if (!stopping) options.onUnexpectedExit?.(name, code);
    });
    return service;
  };
  const dbEnv = (name: string): NodeJS.ProcessEnv => (options.mysqlUrl ? { DATABASE_URL: databaseUrlFor(options.mysqlUrl, name) } : { DATABASE_URL: '' });

  // The gateway first, so that nothing new reaches a member while the members drain.
  const stop = async (): Promise<ChildExit[]> => {
    stopping = true;
    // Each subgraph sends its last audit chain head to its witness as it stops (DESIGN 5): after
    // the gateway, the members other than the lead go first (their witness, the alliance, still
    // runs), then the alliance (witnessed by the lead member), then the lead member.
    const lead = roster[0]?.id;
    const order = (s: SpawnedService) => (s.name === 'gateway' ? 0 : s.name === 'alliance' ? 2 : s.name === lead ? 3 : 1);
    for (const step of [0, 1, 2, 3]) await Promise.all(running.filter((s) => order(s) === step).map((s) => s.stop('SIGTERM')));
    await Promise.all(logs.map((l) => new Promise<void>((resolve) => l.end(() => resolve()))));
    return running.map((s) => ({ name: s.name, code: s.child.exitCode, signal: s.child.signalCode }));
  };

  try {
    const alliance = await launch('alliance', ['alliance', '--port', String(options.alliancePort)], { ...dbEnv('alliance'), MEDALLIANCE_MEMBER_URLS: JSON.stringify(memberUrls) });
    const failedMembers: { id: string; reason: string }[] = [];
    const started = await Promise.all(
      roster.map(async (hospital) => {
        try {
          // members link new charts in the alliance's patient index, and the alliance witnesses their audit chain heads (DESIGN 5)
          return await launch(hospital.id, ['hospital', '--id', hospital.id, '--port', String(hospital.port)], { ...dbEnv(hospital.id), ALLIANCE_URL: alliance.url });
        } catch {
          failedMembers.push({ id: hospital.id, reason: `did not start; see ${path.join(logDir, `${hospital.id}.log`)}` });
          return undefined;
        }
      }),
    );
    const gateway = await launch('gateway', ['gateway', '--port', String(options.gatewayPort)], { ALLIANCE_URL: alliance.url });
    return { gateway, alliance, members: started.filter((s): s is SpawnedService => !!s), failedMembers, logDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GATEWAY_KEY_NAME } from '../../common/auth/gateway-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { waitForQuiet } from './cpu';
import { startDelayProxy, type DelayProxy } from './delay-proxy';
import { startCli, startNode, type BenchProcess } from './processes';

export interface StackOptions {
  /** Members started, each its own process with its own SQLite database. */
  members: string[];
  /** Hospitals in the seeded roster (every process must agree). */
  seedHospitals: number;
  seedPatients: number;
  /** Relay member calls through a proxy process holding each request this long. */
  delayMs?: number;
  /** Relay member and alliance calls through in-process proxies that sum SQL statement counts. */
  countSql?: boolean;
  /**
   * Members are in-memory servers in one process that replay a canned `departments` answer
   * (`canned-members.ts`), so that only the gateway's own work is measured.
   */
  cannedMembers?: boolean;
  gatewayNodeArgs?: string[];
  /** Node options for the first member only (profiling one member is enough). */
  firstMemberNodeArgs?: string[];
  /** Node options per member id (e.g. `--cpu-prof` of chosen members); wins over `firstMemberNodeArgs`. */
  memberNodeArgs?: Record<string, string[]>;
  allianceNodeArgs?: string[];
  gatewayEnv?: NodeJS.ProcessEnv;
  /** The `cli/index.js` every process of the stack runs (default this build's): builds side by side. */
  cliEntry?: string;
}

export interface Stack {
  dataDir: string;
  gateway: BenchProcess;
  alliance: BenchProcess;
  members: Map<string, BenchProcess>;
  /** The member URLs the alliance registered (the proxies' when there are proxies). */
  memberUrls: Record<string, string>;
  /** Counting proxies (countSql): per member id, and `alliance`. */
  counters: Map<string, DelayProxy>;
  stop(): Promise<void>;
}

/** Fresh SQLite files per stack: the seed size differs between stacks. */
export function scratchDir(label: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `medalliance-bench-${label}-`));
}

async function waitForMembersReady(base: string, count: number, deadlineMs = 60_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const body = (await (await fetch(`${base}/readyz`)).json().catch(() => ({}))) as { members?: { state?: string }[] };
    const ready = (body.members ?? []).filter((m) => m.state === 'ready').length;
    if (ready >= count) return;
    if (Date.now() > deadline) throw new Error(`gateway sees ${ready} of ${count} members ready`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The real system as separate processes from the built CLI (members, alliance with the
 * members' URLs in its registry, gateway), optionally with proxies between the gateway
 * and the subgraphs. Resolves once the gateway has checked every member.
 */
export async function startStack(label: string, options: StackOptions): Promise<Stack> {
  const dataDir = scratchDir(label);
  await loadOrCreateSigningKey(dataDir, GATEWAY_KEY_NAME);
  const env: NodeJS.ProcessEnv = {
    MEDALLIANCE_DATA_DIR: dataDir,
    DATABASE_URL: '',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    MEDALLIANCE_SEED_HOSPITALS: String(options.seedHospitals),
    MEDALLIANCE_SEED_PATIENTS: String(options.seedPatients),
    MEDALLIANCE_SEED_ANCHOR: new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString(),
  };
  const started: { stop(): Promise<void> }[] = [];
  const counters = new Map<string, DelayProxy>();
  const stop = async () => {
    await Promise.all(started.map((s) => s.stop()));
  };
  try {
    const members = new Map<string, BenchProcess>();
    if (options.cannedMembers) {
      const canned = await startNode('canned members', path.join(__dirname, 'canned-members.js'), [], {
        ...env,
        BENCH_CANNED_IDS: JSON.stringify(options.members),
        BENCH_CANNED_HOSPITALS: String(options.seedHospitals),
      });
      started.push(canned);
      for (const id of options.members) members.set(id, { ...canned, url: (canned.record.urls as Record<string, string>)[id] });
    } else {
      await Promise.all(
        options.members.map(async (id, index) => {
          const member = await startCli(
            id,
            ['hospital', '--id', id, '--port', '0'],
            env,
            options.memberNodeArgs?.[id] ?? (index === 0 ? options.firstMemberNodeArgs : undefined),
            options.cliEntry,
          );
          started.push(member);
          members.set(id, member);
        }),
      );
    }
    let memberUrls = Object.fromEntries([...members].map(([id, m]) => [id, m.url]));
    if (options.delayMs) {
      const proxies = await startNode('delay proxies', path.join(__dirname, 'proxy-process.js'), [], {
        BENCH_PROXY_TARGETS: JSON.stringify(memberUrls),
        BENCH_PROXY_DELAY_MS: String(options.delayMs),
      });
      started.push(proxies);
      memberUrls = proxies.record.urls as Record<string, string>;
    } else if (options.countSql) {
      for (const [id, url] of Object.entries(memberUrls)) {
        const proxy = await startDelayProxy(url, 0, true);
        counters.set(id, proxy);
        started.push({ stop: () => proxy.close() });
        memberUrls[id] = proxy.url;
      }
    }
    const alliance = await startCli(
      'alliance',
      ['alliance', '--port', '0'],
      { ...env, MEDALLIANCE_MEMBER_URLS: JSON.stringify(memberUrls) },
      options.allianceNodeArgs,
      options.cliEntry,
    );
    started.push(alliance);
    let allianceUrl = alliance.url;
    if (options.countSql) {
      const proxy = await startDelayProxy(alliance.url, 0, true);
      counters.set('alliance', proxy);
      started.push({ stop: () => proxy.close() });
      allianceUrl = proxy.url;
    }
    // the per-caller rate limit would measure the limiter, not the gateway: one caller sends everything
    const gatewayEnv = { ...env, ALLIANCE_URL: allianceUrl, MEDALLIANCE_RATE_LIMIT_PER_SECOND: '0', ...options.gatewayEnv };
    const gateway = await startCli('gateway', ['gateway', '--port', '0'], gatewayEnv, options.gatewayNodeArgs, options.cliEntry);
    started.push(gateway);
    await waitForMembersReady(gateway.url.replace(/\/graphql$/, ''), members.size);
    await waitForQuiet([gateway.pid, alliance.pid, ...[...members.values()].map((m) => m.pid)]);
    return { dataDir, gateway, alliance, members, memberUrls, counters, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

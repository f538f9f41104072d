import { DEV_ISSUER_KEY_NAME, issueDevToken } from '../../../common/auth/caller-token';
import { loadOrCreateSigningKey } from '../../../common/auth/key-store';
import { spawnCli, type SpawnedService } from '../../support/spawn-cli';
import { scratchDataDir } from './schema-folder';

export interface RealAlliance {
  dataDir: string;
  alliance: SpawnedService;
  hospitals: Map<string, SpawnedService>;
  gateway: SpawnedService;
  base: string;
  readyz(): Promise<any>;
  /** A caller's dev token, as `medalliance token` prints it. */
  headers(role: 'clinician' | 'analyst' | 'dashboard' | 'admin', hospitalId?: string): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export interface RealAllianceOptions {
  /** Hospitals started (and registered with their port-0 URLs); the rest of the roster stays down. */
  running: string[];
  /** Extra registry URLs, e.g. a registered member that is down. */
  memberUrls?: Record<string, string>;
  gatewayEnv?: NodeJS.ProcessEnv;
  /** Extra environment for every process (e.g. tracing). */
  env?: NodeJS.ProcessEnv;
  /** The URL the registry gets for a started hospital (e.g. a recording relay in front of it); default its own. */
  registeredUrl?: (hospitalId: string, url: string) => string;
}

/**
 * The real system as separate processes from the built CLI: hospital subgraphs, the
 * alliance (members' URLs written into its registry), then the gateway; one scratch data
 * directory so that they share the dev keys, each with its own database.
 */
export async function startRealAlliance(options: RealAllianceOptions): Promise<RealAlliance> {
  const dataDir = scratchDataDir();
  const env = { MEDALLIANCE_DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '', ...options.env };
  // the gateway's signing key must exist before any subgraph verifies a token
  await loadOrCreateSigningKey(dataDir, 'gateway');
  const started: SpawnedService[] = [];
  try {
    const hospitals = new Map<string, SpawnedService>();
    await Promise.all(
      options.running.map(async (id) => {
        const service = await spawnCli(['hospital', '--id', id, '--port', '0'], env);
        started.push(service);
        hospitals.set(id, service);
      }),
    );
    const memberUrls = { ...options.memberUrls, ...Object.fromEntries([...hospitals].map(([id, s]) => [id, options.registeredUrl?.(id, s.url) ?? s.url])) };
    const alliance = await spawnCli(['alliance', '--port', '0'], { ...env, MEDALLIANCE_MEMBER_URLS: JSON.stringify(memberUrls) });
    started.push(alliance);
    const gateway = await spawnCli(['gateway', '--port', '0'], {
      ...env,
      ALLIANCE_URL: alliance.url,
      MEDALLIANCE_REGISTRY_POLL_MS: '200',
      MEDALLIANCE_MEMBER_TIMEOUT_MS: '1500',
      ...options.gatewayEnv,
    });
    started.push(gateway);
    const base = gateway.url.replace(/\/graphql$/, '');
    return {
      dataDir,
      alliance,
      hospitals,
      gateway,
      base,
      readyz: async () => (await fetch(`${base}/readyz`)).json(),
      async headers(role, hospitalId) {
        const key = await loadOrCreateSigningKey(dataDir, DEV_ISSUER_KEY_NAME);
        const token = await issueDevToken(key, { role, hospitalId, ttl: '1h' });
        return { authorization: `Bearer ${token}`, ...(role === 'clinician' ? { 'x-purpose-of-use': 'TREATMENT' } : {}) };
      },
      stop: () => Promise.all(started.map((s) => s.stop())).then(() => undefined),
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.stop()));
    throw error;
  }
}

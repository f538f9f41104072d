import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../common/config/load-config';
import { envNamesOf, PROCESS_SETTINGS } from '../../common/config/settings-catalogue';
import { mysqlDatabaseName } from '../../subgraphs/runtime/db/create-data-source';
import { allianceRoster } from '../../subgraphs/runtime/seed/roster';
import { parseYaml } from '../support/parse-yaml';

/**
 * No container engine runs in CI, so the compose file is checked as data: every service
 * that should be there is, with a restart policy, a healthcheck, a volume, and only
 * environment variables its process's config schema knows, which that schema accepts.
 */
interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const ROOT = path.resolve(__dirname, '../..');
const compose = parseYaml(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const members = allianceRoster(4);
type ProcessKind = keyof typeof PROCESS_SETTINGS;

/** Compose's `${NAME:-default}` as `docker compose up` resolves it with nothing set. */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
    if (fallback === undefined) throw new Error(`\${${name}} has no default in docker-compose.yml`);
    return fallback;
  });
}

function envOf(name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(services[name].environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
}

function kindOf(service: Service): ProcessKind | undefined {
  const command = service.command?.[0];
  return command === 'hospital' || command === 'alliance' || command === 'gateway' ? command : undefined;
}

const medallianceServices = Object.entries(services).filter(([, s]) => kindOf(s));
const mysqlServices = Object.entries(services).filter(([, s]) => s.image?.startsWith('mariadb:'));

describe('docker-compose.yml', () => {
  it('has one MariaDB per hospital and for the alliance, every subgraph and the gateway', () => {
    const expected = ['alliance', 'mysql-alliance', 'gateway', ...members.flatMap((m) => [`hospital-${m.id}`, `mysql-${m.id}`])];
    expect(Object.keys(services).sort()).toEqual(expected.sort());
  });

  it.each(Object.keys(services))('%s restarts unless stopped and has a healthcheck', (name) => {
    expect(services[name].restart).toBe('unless-stopped');
    expect(services[name].healthcheck?.test?.[0]).toBe('CMD');
  });

  it.each(mysqlServices.map(([name]) => name))('%s keeps its data in a named volume and creates its database', (name) => {
    const [volume, mount] = (services[name].volumes ?? [])[0].split(':');
    expect(mount).toBe('/var/lib/mysql');
    expect(compose.volumes).toHaveProperty([volume]);
    expect(envOf(name).MARIADB_DATABASE).toBe(mysqlDatabaseName(name.replace(/^mysql-/, '')));
    expect(services[name].ports).toBeUndefined();
  });

  it.each(medallianceServices.map(([name]) => name))('%s sets only variables its config schema knows, and the schema accepts them', (name) => {
    const kind = kindOf(services[name])!;
    const env = envOf(name);
    const known = envNamesOf(PROCESS_SETTINGS[kind]);
    expect(Object.keys(env).filter((key) => !known.has(key))).toEqual([]);
    expect(() => loadConfig(PROCESS_SETTINGS[kind], env)).not.toThrow();
    // Reachable from the other containers, on the port its healthcheck asks.
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.PORT).toMatch(/^\d+$/);
    expect(services[name].healthcheck!.test.join(' ')).toContain(`https://127.0.0.1:${env.PORT}/readyz`);
    // HTTPS with the CA of deploy/tls/make-ca.sh, mounted read-only; the healthcheck trusts that CA too
    expect(services[name].volumes).toContain('./deploy/tls/out:/tls:ro');
    expect(env.MEDALLIANCE_CA_FILE).toBe('/tls/ca.pem');
    expect(env.MEDALLIANCE_SERVER_CERT_FILE).toBe(`/tls/${name}.pem`);
    expect(env.MEDALLIANCE_SERVER_KEY_FILE).toBe(`/tls/${name}.key`);
    expect(services[name].healthcheck!.test.join(' ')).toContain("ca:f.readFileSync('/tls/ca.pem')");
    const dataVolume = (services[name].volumes ?? []).map((v) => v.split(':')).find(([, mount]) => mount === env.MEDALLIANCE_DATA_DIR);
    expect(dataVolume && compose.volumes).toHaveProperty([dataVolume![0]]);
  });

  it.each(medallianceServices.filter(([, s]) => kindOf(s) !== 'gateway').map(([name]) => name))('%s uses its own MariaDB, started healthy first', (name) => {
    const env = envOf(name);
    const url = new URL(env.DATABASE_URL);
    const database = url.pathname.slice(1);
    const mysqlService = `mysql-${name.replace(/^hospital-/, '')}`;
    expect(url.hostname).toBe(mysqlService);
    expect(database).toBe(envOf(mysqlService).MARIADB_DATABASE);
    expect(decodeURIComponent(url.password)).toBe(envOf(mysqlService).MARIADB_PASSWORD);
    expect(services[name].depends_on?.[mysqlService]).toEqual({ condition: 'service_healthy' });
    expect(env.MEDALLIANCE_GATEWAY_JWKS_URL).toBe(`https://gateway:${envOf('gateway').PORT}/.well-known/jwks.json`);
    // only the gateway's client certificate (from the same CA) gets through
    expect(env.MEDALLIANCE_REQUIRE_CLIENT_CERT).toBe('true');
  });

  it('mounts a certificate for every service that deploy/tls/make-ca.sh makes by default', () => {
    const script = readFileSync(path.join(ROOT, 'deploy/tls/make-ca.sh'), 'utf8');
    const defaults = /\[ "\$#" -gt 0 \] \|\| set -- ([a-z -]+)\n/.exec(script)?.[1].trim().split(/\s+/);
    expect(defaults?.sort()).toEqual(medallianceServices.map(([name]) => name).sort());
  });

  it('runs each hospital subgraph as its member, on its roster port', () => {
    for (const member of members) {
      const env = envOf(`hospital-${member.id}`);
      expect(env.HOSPITAL_ID).toBe(member.id);
      expect(Number(env.PORT)).toBe(member.port);
    }
  });

  it('registers every member at its container address in the alliance', () => {
    const urls = JSON.parse(envOf('alliance').MEDALLIANCE_MEMBER_URLS) as Record<string, string>;
    expect(urls).toEqual(Object.fromEntries(members.map((m) => [m.id, `https://hospital-${m.id}:${envOf(`hospital-${m.id}`).PORT}/graphql`])));
  });

  it('starts the gateway after every subgraph is ready and publishes only the gateway', () => {
    const env = envOf('gateway');
    expect(env.ALLIANCE_URL).toBe(`https://alliance:${envOf('alliance').PORT}/graphql`);
    // the gateway presents its certificate to the subgraphs, which require one
    expect([env.MEDALLIANCE_TLS_CERT_FILE, env.MEDALLIANCE_TLS_KEY_FILE]).toEqual(['/tls/gateway.pem', '/tls/gateway.key']);
    expect(services.gateway.ports).toEqual([`${env.PORT}:${env.PORT}`]);
    const subgraphs = medallianceServices.filter(([, s]) => kindOf(s) !== 'gateway').map(([name]) => name);
    expect(Object.keys(services.gateway.depends_on ?? {}).sort()).toEqual(subgraphs.sort());
    for (const subgraph of subgraphs) expect(services.gateway.depends_on![subgraph].condition).toBe('service_healthy');
    expect(
      Object.entries(services)
        .filter(([name, s]) => name !== 'gateway' && s.ports)
        .map(([name]) => name),
    ).toEqual([]);
  });
});

describe('Dockerfile', () => {
  const lines = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages = lines.reduce<string[][]>((acc, line) => (line.startsWith('FROM ') ? [...acc, [line]] : (acc[acc.length - 1]?.push(line), acc)), []);
  const runtime = stages[stages.length - 1];

  it('builds in one stage and runs production dependencies only in the last', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(stages[0].some((l) => /^RUN npm ci(?!.*--omit=dev)/.test(l))).toBe(true);
    expect(stages[0]).toContain('RUN npm run build');
    expect(runtime[0]).toMatch(/^FROM node:20-bookworm-slim AS runtime$/);
    expect(runtime.some((l) => /^RUN npm ci .*--omit=dev/.test(l))).toBe(true);
    expect(runtime.some((l) => l.startsWith('COPY --from=build /app/dist'))).toBe(true);
  });

  it('runs as a non-root user with a data volume and a readiness healthcheck', () => {
    const user = runtime.find((l) => l.startsWith('USER '));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)(:|$)/);
    expect(runtime.find((l) => l.startsWith('VOLUME'))).toContain('/data');
    expect(runtime.find((l) => l.startsWith('ENV'))).toContain('MEDALLIANCE_DATA_DIR=/data');
    expect(runtime.find((l) => l.startsWith('HEALTHCHECK'))).toContain('/readyz');
    expect(runtime.find((l) => l.startsWith('ENTRYPOINT'))).toContain('dist/cli/index.js');
  });

  it('keeps local state and dependencies out of the build context', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', 'data', '.env', '*.sqlite']) expect(ignored).toContain(entry);
  });
});

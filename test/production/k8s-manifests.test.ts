import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../common/config/load-config';
import { checkProductionAuth } from '../../common/config/gateway-settings';
import { checkProductionJwks } from '../../common/config/tls-settings';
import { envNamesOf, PROCESS_SETTINGS } from '../../common/config/settings-catalogue';
import { parseYamlDocuments } from '../support/parse-yaml';

interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec?: any;
}

const DIR = path.resolve(__dirname, '../../deploy/k8s');
const manifests = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseYamlDocuments(readFileSync(path.join(DIR, f), 'utf8')) as Manifest[]);
const deployments = manifests.filter((m) => m.kind === 'Deployment');
const byKind = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);

function containerOf(deployment: Manifest) {
  return deployment.spec.template.spec.containers[0];
}

describe('deploy/k8s', () => {
  it('has the gateway, the alliance and a hospital template, each with a Service', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['medalliance-alliance', 'medalliance-gateway', 'medalliance-hospital-dh-lead']);
    for (const deployment of deployments) {
      const service = byKind('Service', deployment.metadata.name);
      expect(service?.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    }
  });

  it('runs the gateway as two stateless replicas, ready on /readyz and alive on /healthz', () => {
    const gateway = byKind('Deployment', 'medalliance-gateway')!;
    expect(gateway.spec.replicas).toBe(2);
    expect(containerOf(gateway).readinessProbe.httpGet.path).toBe('/readyz');
    expect(containerOf(gateway).livenessProbe.httpGet.path).toBe('/healthz');
  });

  it.each(deployments.map((d) => d.metadata.name))('%s: non-root, probes, graceful stop, and only settings its process knows', (name) => {
    const deployment = byKind('Deployment', name)!;
    const container = containerOf(deployment);
    const kind = container.args[0] as keyof typeof PROCESS_SETTINGS;
    expect(Object.keys(PROCESS_SETTINGS)).toContain(kind);
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(container.livenessProbe.httpGet.path).toBe('/healthz');
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(Number(container.lifecycle.preStop.exec.command[1]));

    const configMap = byKind('ConfigMap', container.envFrom[0].configMapRef.name)!;
    const env: Record<string, string> = { ...configMap.data };
    // Secrets are not in the repository: a well-formed stand-in shows the variable is accepted.
    for (const entry of container.env ?? []) env[entry.name] = entry.valueFrom?.secretKeyRef ? 'mysql://user:secret@db:3306/x' : entry.value;
    const known = envNamesOf(PROCESS_SETTINGS[kind]);
    expect(Object.keys(env).filter((key) => !known.has(key))).toEqual([]);
    expect(() => loadConfig(PROCESS_SETTINGS[kind], env)).not.toThrow();
    expect(env.HOST).toBe('0.0.0.0');
    expect(container.ports[0].containerPort).toBe(Number(env.PORT));
    if (kind !== 'gateway') expect(env.DATABASE_URL).toMatch(/^mysql:/);
    // a production gateway must name its identity provider, or it refuses to start
    if (kind === 'gateway') expect(() => checkProductionAuth(loadConfig(PROCESS_SETTINGS.gateway, env) as never)).not.toThrow();
    // production refuses plain-HTTP JWKS; every call between the processes is HTTPS with the alliance's CA
    expect(env.MEDALLIANCE_PRODUCTION).toBe('true');
    expect(() => checkProductionJwks(true, { MEDALLIANCE_GATEWAY_JWKS_URL: env.MEDALLIANCE_GATEWAY_JWKS_URL, MEDALLIANCE_JWKS_URL: env.MEDALLIANCE_JWKS_URL })).not.toThrow();
    for (const url of [env.ALLIANCE_URL, env.MEDALLIANCE_GATEWAY_JWKS_URL].filter(Boolean)) expect(url).toMatch(/^https:\/\//);
    expect([env.MEDALLIANCE_CA_FILE, env.MEDALLIANCE_SERVER_CERT_FILE, env.MEDALLIANCE_SERVER_KEY_FILE]).toEqual(['/tls/ca.pem', '/tls/tls.crt', '/tls/tls.key']);
    const mount = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === '/tls');
    expect(mount?.readOnly).toBe(true);
    expect(deployment.spec.template.spec.volumes.find((v: { name: string }) => v.name === mount.name)?.secret?.secretName).toBe(`${name}-tls`);
    expect([container.readinessProbe.httpGet.scheme, container.livenessProbe.httpGet.scheme]).toEqual(['HTTPS', 'HTTPS']);
  });
});

import { aggregateSettings } from './aggregate-settings';
import { allianceSettings } from './alliance-settings';
import { gatewaySettings } from './gateway-settings';
import { hospitalSettings } from './hospital-settings';
import type { SettingsShape } from './load-config';
import { databaseSettings, sharedSettings } from './shared-settings';
import { stackSettings } from './stack-settings';
import { subgraphTlsSettings, tlsSettings } from './tls-settings';
import { tracingSettings } from './tracing-settings';

export interface SettingsGroup {
  /** Key used by docs and deployment checks. */
  id: string;
  title: string;
  /** Who reads the group. */
  readBy: string;
  settings: SettingsShape;
}

/**
 * Every settings object, in the order `docs/CONFIGURATION.md` lists them. A new
 * `<process>-settings.ts` is added here, and only here, to be documented and checked.
 */
export const SETTINGS_GROUPS: SettingsGroup[] = [
  { id: 'shared', title: 'Shared', readBy: 'every process', settings: sharedSettings },
  { id: 'database', title: 'Database', readBy: 'the alliance and hospital subgraphs, `medalliance migrate`', settings: databaseSettings },
  {
    id: 'tls',
    title: 'TLS',
    readBy: 'the gateway and the alliance and hospital subgraphs (`MEDALLIANCE_REQUIRE_CLIENT_CERT`: the subgraphs only); deploy/tls/make-ca.sh makes a CA and certificates',
    settings: { ...tlsSettings, ...subgraphTlsSettings },
  },
  { id: 'aggregates', title: 'De-identified aggregates', readBy: 'the alliance and hospital subgraphs', settings: aggregateSettings },
  { id: 'hospital', title: 'Hospital subgraph', readBy: '`medalliance hospital`', settings: hospitalSettings },
  { id: 'alliance', title: 'Alliance subgraph', readBy: '`medalliance alliance`', settings: allianceSettings },
  { id: 'gateway', title: 'Gateway', readBy: '`medalliance gateway`', settings: gatewaySettings },
  { id: 'tracing', title: 'Tracing (optional)', readBy: 'every process (OpenTelemetry over OTLP/HTTP; off unless an endpoint is set)', settings: tracingSettings },
  { id: 'stack', title: 'Demo stack', readBy: '`medalliance start` (passes the shared settings on to its children)', settings: stackSettings },
];

/** The settings each long-running process parses at start: what its container may be given. */
export const PROCESS_SETTINGS: Record<'hospital' | 'alliance' | 'gateway', SettingsShape> = {
  hospital: { ...sharedSettings, ...databaseSettings, ...hospitalSettings, ...tracingSettings },
  alliance: { ...sharedSettings, ...databaseSettings, ...allianceSettings, ...tracingSettings },
  gateway: { ...sharedSettings, ...tlsSettings, ...gatewaySettings, ...tracingSettings },
};

/** The environment variable names a process reads. */
export function envNamesOf(settings: SettingsShape): Set<string> {
  return new Set(Object.values(settings).map((s) => s.env));
}

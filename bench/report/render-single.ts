import { TARGETS, type SingleHospitalResult, type Target } from '../workloads/single-hospital';
import { ceilingSentence, percentPhrase, rankPhrase } from './sentences';
import { table } from './table';
import { ratio } from './verdicts';

const LABEL: Record<Target, string> = {
  direct: 'direct to the member',
  medalliance: 'MedAlliance gateway',
  apolloGateway: 'plain `@apollo/gateway` (defaults)',
  hiveGateway: 'Hive Gateway (defaults)',
  hiveGatewayNoDedup: 'Hive Gateway, deduplication off',
};
const GATEWAYS: Target[] = ['medalliance', 'apolloGateway', 'hiveGateway', 'hiveGatewayNoDedup'];
const SHORT: Record<Target, string> = {
  direct: 'direct',
  medalliance: 'ours',
  apolloGateway: 'plain Apollo',
  hiveGateway: 'Hive Gateway (defaults)',
  hiveGatewayNoDedup: 'Hive Gateway without deduplication',
};
const THEIRS: Record<Exclude<Target, 'direct' | 'medalliance'>, string> = {
  apolloGateway: "plain Apollo's",
  hiveGateway: "Hive Gateway's (defaults)",
  hiveGatewayNoDedup: "Hive Gateway's without deduplication",
};

const cell = (value: number) => (Number.isFinite(value) ? value : '–');

function figuresTable(r: SingleHospitalResult): string {
  const m = r.mean;
  return table(
    ['target', 'req/s', '× direct', '× plain Apollo', 'p50 ms', 'p99 ms', 'member CPU ms/req', 'gateway CPU ms/req', 'gateway CPU × plain Apollo'],
    TARGETS.map((t) => [
      LABEL[t],
      m[t].throughput,
      cell(ratio(m[t].throughput, m.direct.throughput)),
      cell(ratio(m[t].throughput, m.apolloGateway.throughput)),
      m[t].p50Ms,
      m[t].p99Ms,
      cell(m[t].memberCpuMs),
      t === 'direct' ? '–' : cell(m[t].gatewayCpuMs),
      t === 'direct' ? '–' : cell(ratio(m[t].gatewayCpuMs, m.apolloGateway.gatewayCpuMs)),
    ]),
  );
}

/** What the gateways' own CPU columns say, in words computed from them. */
export function gatewayCpuSentence(r: SingleHospitalResult): string {
  const cpu = (t: Target) => r.mean[t].gatewayCpuMs;
  const ours = cpu('medalliance');
  const others = ['apolloGateway', 'hiveGateway', 'hiveGatewayNoDedup'] as const;
  if (!Number.isFinite(ours)) return '';
  const comparisons = others.map((t) => `${percentPhrase(ours, cpu(t))} ${THEIRS[t]}`);
  return `Our gateway's CPU per request is ${rankPhrase(
    ours,
    others.map((t) => cpu(t)),
  )} gateways: ${comparisons.join(', ')}.`;
}

function directSentence(r: SingleHospitalResult): string {
  return ceilingSentence(
    r.mean.direct.throughput,
    GATEWAYS.map((t) => ({ label: SHORT[t], value: r.mean[t].throughput })),
    `the direct figure (${r.mean.direct.throughput} req/s)`,
  );
}

function rounds(r: SingleHospitalResult): string {
  return `${r.rounds.length} round${r.rounds.length === 1 ? '' : 's'}, order reversed every other round; the table shows the mean`;
}

/** Workload 1 against the real member. */
export function singleSection(r: SingleHospitalResult): string {
  return `## 1. Single-hospital query

A staff lookup on \`dh-lead\`, the name varied per request over the ${r.distinctNames} staff names of
its seed (so that in-flight deduplication cannot decide the result). ${rounds(r)}. CPU columns: CPU time of the member and of the
gateway process per request (/proc), which on shared cores is what one side takes from the other.

${figuresTable(r)}

What each side runs (variables \`{ "name": <a staff name> }\`):

- direct, plain \`@apollo/gateway\`, Hive Gateway: \`${r.query.direct}\`. The direct call sends a
  token signed with the gateway key for \`hospital:dh-lead\`; the two third-party gateways route to a
  one-subgraph supergraph (the hospital contract at the member's URL, composed with
  \`@apollo/composition\`) and add that token to each subgraph call (Apollo: \`willSendRequest\`; Hive: an
  \`onFetch\` plugin), nothing else changed from their defaults.
- MedAlliance gateway: \`${r.query.gateway}\` with a caller token (analyst): caller verification,
  the alliance's full supergraph, planning, one member call with a token signed for it, request log at info.

A gateway does the member's HTTP and GraphQL work again on the same cores, so the direct figure is
the ceiling every gateway is measured against here. ${directSentence(r)} ${gatewayCpuSentence(r)}`;
}

/** Workload 1 against a canned member: the gateways' own cost, without the member's. */
export function cannedSingleSection(r: SingleHospitalResult | undefined): string {
  if (!r) return '';
  const m = r.mean;
  return `
## 1b. Single lookup against a canned member

The same staff lookup, the same five sides and the same ${r.distinctNames} names, but every member is canned
(\`bench/harness/canned-members.ts\`): an in-memory server that serves the hospital contract's
\`_service { sdl }\` and answers \`staffDirectory\` from the member's seeded staff, executing each distinct
request once and replaying the answer after that. The member then costs next to no CPU
(member CPU column: the one process of all canned members), so the gateways' own work is most of what
the machine does. ${rounds(r)}.

${figuresTable(r)}

Ours answered ${cell(ratio(m.medalliance.throughput, m.apolloGateway.throughput))}× plain Apollo's requests per second,
${cell(ratio(m.medalliance.throughput, m.hiveGateway.throughput))}× Hive Gateway's (defaults) and ${cell(ratio(m.medalliance.throughput, m.hiveGatewayNoDedup.throughput))}× Hive Gateway's without
deduplication. ${gatewayCpuSentence(r)}
`;
}

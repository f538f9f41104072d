import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ALLIANCE_AUDIENCE, hospitalAudience, type SubgraphRequestBody } from '../../common/auth/gateway-token';
import { CLI_ENTRY } from '../../cli/stack/spawn-service';
import { startStack, type Stack } from '../harness/alliance-stack';
import { printLine, runDevTool } from '../harness/processes';
import { callerHeaders, CLINICIAN, gatewayAuthorization } from '../harness/tokens';
import { choosePatient } from '../workloads/patient-query';

const MEMBERS = ['dh-lead', 'dh-district', 'dh-chc-lakeside', 'dh-chc-hill'];
const ASKING = 'dh-lead';
const SINCE = '2026-01-01T00:00:00Z';

/** The two heavy subgraph calls of DESIGN 3.3's plan, as the gateway's planner writes them. */
const CALLS = {
  /** The alliance: every result of the person's charts, with its recognition at the asking hospital. */
  recognition: {
    query:
      'query CrossHospitalPatient__alliance__2($representations:[_Any!]!$here:ID!){_entities(representations:$representations){...on LabResult{recognition(atHospitalId:$here){status mark validUntil reason}}}}',
    operationName: 'CrossHospitalPatient__alliance__2',
  },
  /** dh-lead: the person's chart there with its results (a PHI read: one audit row). */
  chart: {
    query: `query CrossHospitalPatient__hospitals__1($representations:[_Any!]!){_entities(representations:$representations){...on PatientRecord{name labResults(since:"${SINCE}"){__typename hospitalId id loinc name valueQuantity unit interpretation collectedAt status}}}}`,
    operationName: 'CrossHospitalPatient__hospitals__1',
  },
} as const;
type CallName = keyof typeof CALLS;

interface Chart {
  hospitalId: string;
  mrn: string;
  labResults: { __typename: string; hospitalId: string; id: string; loinc: string; status: string; collectedAt: string }[];
}

/** User + system CPU of a process so far, in ms (/proc; 10 ms ticks). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The body of `call` for the person's charts, read through the gateway of the first stack. */
async function bodyOf(call: CallName, stack: Stack): Promise<SubgraphRequestBody> {
  const clinician = await callerHeaders(stack.dataDir, 'clinician', ASKING);
  const { variables } = await choosePatient(stack.gateway.url, clinician);
  const query = `query($mpiId: ID!) { patient(mpiId: $mpiId) { records { hospitalId mrn labResults(since: "${SINCE}") { __typename hospitalId id loinc status collectedAt } } } }`;
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...clinician },
    body: JSON.stringify({ query, variables: { mpiId: variables.mpiId } }),
  });
  const charts = ((await response.json()) as { data: { patient: { records: Chart[] } } }).data.patient.records;
  if (call === 'recognition') {
    return { ...CALLS.recognition, variables: { representations: charts.flatMap((c) => c.labResults), here: ASKING } };
  }
  const chart = charts.find((c) => c.hospitalId === ASKING);
  if (!chart) throw new Error(`the chosen person has no chart at ${ASKING}`);
  return { ...CALLS.chart, variables: { representations: [{ __typename: 'PatientRecord', hospitalId: chart.hospitalId, mrn: chart.mrn }] } };
}

/**
 * Development aid: one heavy subgraph call of the DESIGN 3.3 query asked straight of its
 * subgraph (a gateway-signed token per call, as the gateway sends it), one at a time, through
 * builds side by side: `BENCH_CALL=recognition` (the alliance, every result of the person's
 * charts) or `chart` (dh-lead, one chart with its results and its audit row). Each build in
 * `BENCH_BUILDS` (paths of their `cli/index.js`, default this build twice) runs its own stack;
 * `BENCH_SLICES` (default 8, the first discarded) of `BENCH_SLICE_REQUESTS` (default 200)
 * calls are asked of each in turn, and the subgraph's CPU ms per call is printed per build
 * (/proc). Without the gateway in between, a change to one subgraph shows at a few per cent.
 * `BENCH_CPU_PROF=<dir>` puts that subgraph of the first build under `--cpu-prof`.
 */
async function main(): Promise<void> {
  const call = (process.env.BENCH_CALL ?? 'recognition') as CallName;
  if (!(call in CALLS)) throw new Error(`BENCH_CALL must be one of ${Object.keys(CALLS).join(', ')}`);
  const builds = (process.env.BENCH_BUILDS ?? `${CLI_ENTRY},${CLI_ENTRY}`).split(',').map((entry) => path.resolve(entry));
  const slices = Number(process.env.BENCH_SLICES ?? 8);
  const perSlice = Number(process.env.BENCH_SLICE_REQUESTS ?? 200);
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : undefined;
  const stacks: Stack[] = [];
  try {
    for (const [index, cliEntry] of builds.entries()) {
      const profiled = index === 0 ? prof : undefined;
      stacks.push(
        await startStack(`try-subgraph-${index}`, {
          members: MEMBERS,
          seedHospitals: MEMBERS.length,
          seedPatients: 200,
          cliEntry,
          allianceNodeArgs: call === 'recognition' ? profiled : undefined,
          memberNodeArgs: call === 'chart' && profiled ? { [ASKING]: profiled } : undefined,
        }),
      );
    }
    const request = await bodyOf(call, stacks[0]);
    const body = JSON.stringify(request);
    const audience = call === 'recognition' ? ALLIANCE_AUDIENCE : hospitalAudience(ASKING);
    const targets = await Promise.all(
      stacks.map(async (stack) => {
        const subgraph = call === 'recognition' ? stack.alliance : stack.members.get(ASKING)!;
        return { url: subgraph.url, pid: subgraph.pid, sign: await gatewayAuthorization(stack.dataDir, CLINICIAN, audience) };
      }),
    );
    const items = (request.variables?.representations as unknown[]).length;
    printLine(`${call}: ${items} representation(s), ${body.length} bytes per call`);
    const perCall: number[][] = builds.map(() => []);
    const order = targets.map((target, index) => ({ target, index }));
    for (let slice = 0; slice < slices; slice++) {
      // every other slice in the reverse order: neither build always follows the other
      for (const { target, index } of slice % 2 === 0 ? order : [...order].reverse()) {
        const before = cpuMs(target.pid);
        for (let i = 0; i < perSlice; i++) {
          const response = await fetch(target.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json', 'x-purpose-of-use': 'TREATMENT', authorization: target.sign(request) },
            body,
          });
          const text = await response.text();
          if (response.status !== 200 || text.includes('"errors"')) throw new Error(`${builds[index]}: ${response.status} ${text.slice(0, 300)}`);
        }
        if (slice > 0) perCall[index].push((cpuMs(target.pid) - before) / perSlice);
      }
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    for (const [index, build] of builds.entries()) {
      const ratio = mean(perCall[index]) / mean(perCall[0]);
      printLine(`${build}: ${mean(perCall[index]).toFixed(3)} ms per call (${ratio.toFixed(3)}× the first); slices ${perCall[index].map((v) => v.toFixed(2)).join(' ')}`);
    }
  } finally {
    for (const stack of stacks) await stack.stop();
  }
}

runDevTool(main);

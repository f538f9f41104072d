import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CROSS_HOSPITAL_PATIENT_QUERY } from '../../common/contract/cross-hospital-patient-query';
import { startStack } from '../harness/alliance-stack';
import { waitForQuiet } from '../harness/cpu';
import { printLine, runDevTool } from '../harness/processes';
import { callerHeaders } from '../harness/tokens';
import { choosePatient } from '../workloads/patient-query';

const MEMBERS = ['dh-lead', 'dh-district', 'dh-chc-lakeside', 'dh-chc-hill'];
const SINCE = '"2026-01-01T00:00:00Z"';
const REFERRALS = 'referrals { direction urgency status fromHospital { name } toHospital { name } }';

/**
 * The patient query and the parts it is made of, each asked alone: the difference between
 * two rows is what one step of the plan costs each process (the recognition step: `full`
 * minus `noRecognition`; the members' lab results: `noRecognition` minus `names` and the
 * referrals). `typename` never leaves the gateway; `hospitals` is one plain alliance call.
 */
const PARTS: Record<string, string> = {
  full: CROSS_HOSPITAL_PATIENT_QUERY,
  noRecognition: `query($mpiId: ID!) { patient(mpiId: $mpiId) { records { hospitalId mrn name labResults(since: ${SINCE}) { loinc name valueQuantity unit interpretation collectedAt } } ${REFERRALS} } }`,
  names: `query($mpiId: ID!) { patient(mpiId: $mpiId) { records { hospitalId mrn name } } }`,
  records: `query($mpiId: ID!) { patient(mpiId: $mpiId) { records { hospitalId mrn } } }`,
  referrals: `query($mpiId: ID!) { patient(mpiId: $mpiId) { ${REFERRALS} } }`,
  typename: `query { __typename }`,
  hospitals: `query { hospitals { id } }`,
};

/** User and system CPU of a process so far, in ms (/proc; 10 ms ticks). */
function userAndSystemMs(pid: number): [number, number] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [Number(fields[11]) * 10, Number(fields[12]) * 10];
}

/**
 * Development aid: where the DESIGN 3.3 query's CPU goes. Asks each part (`BENCH_PARTS`,
 * comma-separated names, default all) `BENCH_SAMPLES` times one at a time (default 300,
 * after 30 discarded), `BENCH_ROUNDS` rounds (default 2), and prints per part the CPU ms
 * per request of the gateway, the alliance and each member, user/system. BENCH_CPU_PROF=<dir>
 * puts the gateway, the alliance and dh-lead under `--cpu-prof`. Profiles show wall time in
 * blocking calls (a socket write that hands the core to its reader, an fsync) as if it were
 * CPU; the /proc figures here do not.
 */
async function main(): Promise<void> {
  const dir = process.env.BENCH_CPU_PROF;
  const prof = (name: string) => (dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir, name)}`] : undefined);
  const chosen = (process.env.BENCH_PARTS ?? '').split(',').filter(Boolean);
  const parts = Object.entries(PARTS).filter(([name]) => chosen.length === 0 || chosen.includes(name));
  const stack = await startStack('try-parts', {
    members: MEMBERS,
    seedHospitals: 4,
    seedPatients: 200,
    gatewayNodeArgs: prof('gateway'),
    allianceNodeArgs: prof('alliance'),
    memberNodeArgs: dir ? { 'dh-lead': prof('dh-lead')! } : undefined,
  });
  try {
    const headers = { 'content-type': 'application/json', ...(await callerHeaders(stack.dataDir, 'clinician', 'dh-lead')) };
    const { variables } = await choosePatient(stack.gateway.url, headers);
    const pids: Record<string, number> = { gateway: stack.gateway.pid, alliance: stack.alliance.pid };
    for (const [id, member] of stack.members) pids[id] = member.pid;
    const samples = Number(process.env.BENCH_SAMPLES ?? 300);
    const ask = async (body: string) => {
      const answer = (await (await fetch(stack.gateway.url, { method: 'POST', headers, body })).json()) as { errors?: unknown[] };
      if (answer.errors?.length) throw new Error(`the part answered with errors: ${JSON.stringify(answer.errors).slice(0, 200)}`);
    };
    for (let round = 1; round <= Number(process.env.BENCH_ROUNDS ?? 2); round++) {
      for (const [name, query] of parts) {
        const body = JSON.stringify({ query, variables: name === 'full' ? variables : query.includes('$mpiId') ? { mpiId: variables.mpiId } : {} });
        for (let i = 0; i < 30; i++) await ask(body);
        await waitForQuiet(Object.values(pids), 5000);
        const before = Object.fromEntries(Object.entries(pids).map(([process, pid]) => [process, userAndSystemMs(pid)]));
        const started = performance.now();
        for (let i = 0; i < samples; i++) await ask(body);
        const wall = (performance.now() - started) / samples;
        const cells = Object.entries(pids).map(([process, pid]) => {
          const [user, system] = userAndSystemMs(pid);
          return `${process} ${((user - before[process][0]) / samples).toFixed(2)}/${((system - before[process][1]) / samples).toFixed(2)}`;
        });
        printLine(`round ${round} ${name.padEnd(14)} ${wall.toFixed(2)} ms per request; CPU ms per request, user/system: ${cells.join('  ')}`);
      }
    }
  } finally {
    await stack.stop();
  }
}

runDevTool(main);

import path from 'node:path';
import { CROSS_HOSPITAL_PATIENT_QUERY } from '../../common/contract/cross-hospital-patient-query';
import { CLI_ENTRY } from '../../cli/stack/spawn-service';
import { startStack, type Stack } from '../harness/alliance-stack';
import { cpuMs, waitForQuiet } from '../harness/cpu';
import { printLine, runDevTool } from '../harness/processes';
import { callerHeaders } from '../harness/tokens';
import { choosePatient } from '../workloads/patient-query';

const MEMBERS = ['dh-lead', 'dh-district', 'dh-chc-lakeside', 'dh-chc-hill'];

interface Side {
  build: string;
  stack: Stack;
  body: string;
  headers: Record<string, string>;
  charts: number;
  requests: number;
  cpu: { gateway: number; alliance: number; members: number };
}

function roles(stack: Stack): { gateway: number[]; alliance: number[]; members: number[] } {
  return { gateway: [stack.gateway.pid], alliance: [stack.alliance.pid], members: [...stack.members.values()].map((m) => m.pid) };
}

const sum = (pids: number[]) => pids.reduce((total, pid) => total + cpuMs(pid), 0);

/**
 * Development aid: the DESIGN 3.3 patient query, one request at a time, against builds side
 * by side, each its own stack (gateway, alliance, four members), asked in turn in short
 * slices so that a busy machine weighs on each alike. BENCH_BUILDS: the builds compared
 * (comma-separated paths of their `cli/index.js`; default this build, twice, which shows the
 * noise), BENCH_SLICES (default 12) of BENCH_SLICE_REQUESTS (default 50) per build after 60
 * discarded. Prints per build the CPU ms per request of the gateway, the alliance and the
 * members per chart (/proc, user + system), and their sum.
 */
async function main(): Promise<void> {
  const builds = (process.env.BENCH_BUILDS ?? `${CLI_ENTRY},${CLI_ENTRY}`).split(',').map((entry) => path.resolve(entry));
  const slices = Number(process.env.BENCH_SLICES ?? 12);
  const perSlice = Number(process.env.BENCH_SLICE_REQUESTS ?? 50);
  const sides: Side[] = [];
  try {
    for (const [index, build] of builds.entries()) {
      const stack = await startStack(`try-ab-${index}`, { members: MEMBERS, seedHospitals: 4, seedPatients: 200, cliEntry: build });
      const headers = { 'content-type': 'application/json', ...(await callerHeaders(stack.dataDir, 'clinician', 'dh-lead')) };
      const { variables, charts } = await choosePatient(stack.gateway.url, headers);
      sides.push({
        build,
        stack,
        body: JSON.stringify({ query: CROSS_HOSPITAL_PATIENT_QUERY, variables }),
        headers,
        charts,
        requests: 0,
        cpu: { gateway: 0, alliance: 0, members: 0 },
      });
    }
    const ask = async (side: Side, times: number) => {
      for (let i = 0; i < times; i++) {
        const answer = (await (await fetch(side.stack.gateway.url, { method: 'POST', headers: side.headers, body: side.body })).json()) as { errors?: unknown[] };
        if (answer.errors?.length) throw new Error(`${side.build} answered with errors: ${JSON.stringify(answer.errors).slice(0, 200)}`);
      }
    };
    for (const side of sides) await ask(side, 60);
    await waitForQuiet(
      sides.flatMap((side) => Object.values(roles(side.stack)).flat()),
      5000,
    );
    for (let slice = 0; slice < slices; slice++) {
      // every other slice in the reverse order: neither build always follows the other
      for (const side of slice % 2 === 0 ? sides : [...sides].reverse()) {
        const pids = roles(side.stack);
        const before = { gateway: sum(pids.gateway), alliance: sum(pids.alliance), members: sum(pids.members) };
        await ask(side, perSlice);
        side.cpu.gateway += sum(pids.gateway) - before.gateway;
        side.cpu.alliance += sum(pids.alliance) - before.alliance;
        side.cpu.members += sum(pids.members) - before.members;
        side.requests += perSlice;
      }
    }
    const first = sides[0];
    const total = (side: Side) => (side.cpu.gateway + side.cpu.alliance + side.cpu.members) / side.requests;
    for (const side of sides) {
      const per = (ms: number) => (ms / side.requests).toFixed(2);
      printLine(
        `${side.build}: gateway ${per(side.cpu.gateway)}  alliance ${per(side.cpu.alliance)}  members per chart ${(side.cpu.members / side.requests / side.charts).toFixed(2)}  total ${total(side).toFixed(2)} ms/request (${(total(side) / total(first)).toFixed(3)}× the first)`,
      );
    }
  } finally {
    await Promise.all(sides.map((side) => side.stack.stop()));
  }
}

runDevTool(main);

import { printLine, runDevTool } from '../harness/processes';
import { renderPatientSideBySide } from '../report/render-patient-side-by-side';
import { PATIENT_SIDE_SETTINGS, runPatientSideBySide } from '../workloads/patient-query-side-by-side';

/**
 * Development aid: workload 3b alone (our gateway, plain @apollo/gateway and Hive Gateway
 * on a one-member alliance); prints the raw figures and the report section. Needs Hive
 * installed in bench/baselines/hive (as `npm run bench` does). BENCH_SECONDS, BENCH_ROUNDS;
 * BENCH_CPU_PROF=<dir> puts our gateway under --cpu-prof.
 */
runDevTool(async () => {
  const prof = process.env.BENCH_CPU_PROF;
  const result = await runPatientSideBySide({
    ...PATIENT_SIDE_SETTINGS,
    seedPatients: 200,
    connections: 10,
    seconds: Number(process.env.BENCH_SECONDS ?? 6),
    warmupSeconds: 2,
    rounds: Number(process.env.BENCH_ROUNDS ?? PATIENT_SIDE_SETTINGS.rounds),
    log: printLine,
    gatewayNodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : undefined,
  });
  printLine(JSON.stringify(result.mean));
  printLine(renderPatientSideBySide(result).join('\n'));
});

import { printLine, runDevTool } from '../harness/processes';
import { runEmbeddedBookings } from '../workloads/embedded-bookings';

/** Development aid: workload 6 (bookings per second on the embedded database) alone. */
runDevTool(async () => {
  const result = await runEmbeddedBookings({ connections: 10, bookings: Number(process.env.BENCH_BOOKINGS ?? 600), warmupBookings: 20, log: printLine });
  printLine(JSON.stringify(result));
});

import net from 'node:net';
import { UsageError } from '../usage-error';

export interface DemoPort {
  /** What listens there, e.g. "gateway" or "member dh-lead". */
  name: string;
  port: number;
  /** The environment variable that moves it. */
  setting: string;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** Whether a MedAlliance gateway answers on that port (then the demo is already running). */
async function isOurGateway(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1500) });
    const body = (await response.json()) as { service?: unknown };
    return body.service === 'gateway';
  } catch {
    return false;
  }
}

/**
 * Every port of the demo stack is checked before anything starts, so a busy port is named
 * with the setting that moves it instead of surfacing as EADDRINUSE after the others booted,
 * and a second `npm start` says the stack is already running.
 */
export async function checkDemoPorts(ports: DemoPort[]): Promise<void> {
  const busy: DemoPort[] = [];
  for (const entry of ports) if (!(await isFree(entry.port))) busy.push(entry);
  if (busy.length === 0) return;
  const gateway = ports.find((p) => p.name === 'gateway');
  if (gateway && busy.includes(gateway) && (await isOurGateway(gateway.port))) {
    throw new UsageError(
      `The demo alliance is already running: GraphiQL at http://127.0.0.1:${gateway.port}/graphql. Stop it with Ctrl-C in its terminal, or start a second one on other ports (GATEWAY_PORT, ALLIANCE_PORT, HOSPITAL_BASE_PORT).`,
    );
  }
  const lines = busy.map((p) => `  port ${p.port} (${p.name}) is in use by another program: set ${p.setting}=<free port> to move it`);
  throw new UsageError(`Cannot start the demo alliance:\n${lines.join('\n')}`);
}

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGatewayTokenVerifier, GATEWAY_KEY_NAME, hospitalAudience, signGatewayTokenForHash } from '../../common/auth/gateway-token';
import { devKeySet } from '../../common/auth/dev-key-set';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { requestHash } from '../../common/auth/request-hash';
import { printLine, runDevTool } from '../harness/processes';

/**
 * Development aid: the CPU a subgraph spends verifying gateway tokens, alone. Signs
 * BENCH_TOKENS distinct tokens (default 5000), then verifies each once as a member does
 * (dev key set, one request hash), and prints CPU ms per token of the verification only.
 */
async function main(): Promise<void> {
  const count = Number(process.env.BENCH_TOKENS ?? 5000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'medalliance-verify-bench-'));
  try {
    const key = await loadOrCreateSigningKey(dir, GATEWAY_KEY_NAME);
    const audience = hospitalAudience('dh-lead');
    const request = { query: '{ staff(id: "s-1") { id name } }', variables: {} };
    const reqHash = requestHash(request);
    const caller = { subject: 'dr-wang', role: 'clinician' as const, hospitalId: 'dh-lead', purpose: 'TREATMENT' as const };
    const verify = createGatewayTokenVerifier({ getKey: devKeySet(dir, GATEWAY_KEY_NAME) }, audience, { replayEntries: count * 3 });
    const sign = (n: number) => Array.from({ length: n }, () => signGatewayTokenForHash(key, caller, audience, reqHash, 'req-1'));
    for (const token of sign(500)) await verify(token, request); // warm-up
    const tokens = sign(count);
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (const token of tokens) await verify(token, request);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    printLine(JSON.stringify({ tokens: count, cpuMsPerToken: +(cpuMs / count).toFixed(4), wallMsPerToken: +(wallMs / count).toFixed(4) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runDevTool(main);

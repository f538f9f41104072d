import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GATEWAY_KEY_NAME } from '../../common/auth/gateway-token';
import { devKeyFile } from '../../common/auth/key-store';
import { loadConfig } from '../../common/config/load-config';
import { sharedSettings } from '../../common/config/shared-settings';
import { loadTls, tlsSettings } from '../../common/config/tls-settings';
import { signSubgraphCalls } from '../../gateway/auth/sign-subgraph-calls';
import { createSubgraphSigner } from '../../gateway/auth/subgraph-signer';
import { readSchemaFile, HOSPITAL_CONTRACT_FILE } from '../../gateway/compose/schema-files';
import { buildSdlSchema, checkContract } from '../../gateway/registry/contract-check';
import { createLogger } from '../../common/log';
import { MemberFetch } from '../../gateway/transport/member-fetch';
import { UsageError } from '../usage-error';

const USAGE = 'Usage: medalliance check-hospital --url <subgraph url> [--id <hospitalId>] [--timeout-ms 5000]';

/**
 * `medalliance check-hospital --url …`: the gateway's own contract check, for a partner
 * hospital before it joins. Prints OK or one line per incompatibility; exit code 0/1.
 * With `--id` and the gateway's key under MEDALLIANCE_DATA_DIR, the call carries a
 * service token signed for that member and this one call, as the gateway's check does;
 * https:// URLs use the TLS settings (MEDALLIANCE_CA_FILE, client certificate).
 */
export async function run(argv: string[]): Promise<void> {
  let values: { url?: string; id?: string; 'timeout-ms'?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { url: { type: 'string' }, id: { type: 'string' }, 'timeout-ms': { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.url) throw new UsageError(USAGE);
  try {
    new URL(values.url);
  } catch {
    throw new UsageError(`--url must be a URL.\n${USAGE}`);
  }
  const timeoutMs = Number(values['timeout-ms'] ?? 5000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 50) throw new UsageError(`--timeout-ms must be a whole number of at least 50.\n${USAGE}`);

  const config = loadConfig({ ...sharedSettings, ...tlsSettings });
  const hospitalId = values.id;
  const auth = hospitalId && existsSync(devKeyFile(config.dataDir, GATEWAY_KEY_NAME)) ? signSubgraphCalls(await createSubgraphSigner(config.dataDir)) : undefined;
  const contract = buildSdlSchema(readSchemaFile(HOSPITAL_CONTRACT_FILE));
  const fetcher = new MemberFetch({ timeoutMs, maxSockets: 1, keepAliveMs: 1000, breakerFailureThreshold: 1, breakerCooldownMs: 1000, logger: createLogger('check-hospital', 'silent'), tls: loadTls(config).client });
  try {
    let sdl: string;
    try {
      sdl = await fetcher.fetchServiceSdl(hospitalId ?? 'candidate', values.url, async (request) => (auth && hospitalId ? auth.serviceForMember(hospitalId, request) : {}));
    } catch (error) {
      process.stdout.write(`FAILED: could not read _service { sdl } from the subgraph: ${(error as Error).message}\n`);
      process.exitCode = 1;
      return;
    }
    const problems = checkContract(contract, sdl);
    if (problems.length === 0) {
      process.stdout.write('OK: the subgraph serves the hospital contract.\n');
      return;
    }
    process.stdout.write(`INCOMPATIBLE: ${problems.length} problem${problems.length === 1 ? '' : 's'} with the hospital contract:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  } finally {
    await fetcher.close();
  }
}

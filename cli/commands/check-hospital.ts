import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fetch as undiciFetch } from 'undici';
import { loadConfig } from '../../common/config/load-config';
import { sharedSettings } from '../../common/config/shared-settings';
import { loadTls, tlsSettings, type ClientTls } from '../../common/config/tls-settings';
import { readContractFacts } from '../../common/contract/contract-facts';
import { createHttpAgent } from '../../gateway/transport/http-agent';
import { readSchemaFile, HOSPITAL_CONTRACT_FILE } from '../../common/contract/schema-files';
import { buildSdlSchema, checkContractVersions, type ContractReport } from '../../common/contract/contract-check';
import { createLogger } from '../../common/log';
import { MemberFetch } from '../../gateway/transport/member-fetch';
import { UsageError } from '../usage-error';

const USAGE = 'Usage: medalliance check-hospital (--url <subgraph url> | --schema <sdl file>) [--contract <file>] [--timeout-ms 5000]';

/** Exit codes: 0 serves the current contract, 1 refused (or not checkable), 2 served only at an older version. */
export const EXIT = { current: 0, refused: 1, older: 2 } as const;

/**
 * The subgraph's public SDL: `GET /contract` beside its `/graphql` (our hospital
 * subgraph serves it without a token), else `_service { sdl }` for a partner's own
 * implementation that answers it without a token.
 */
async function readMemberSdl(url: string, timeoutMs: number): Promise<string> {
  // https:// members: the CA bundle and client certificate of the TLS settings
  const tls: ClientTls = loadTls(loadConfig({ ...sharedSettings, ...tlsSettings })).client;
  const agent = createHttpAgent({ maxSockets: 1, keepAliveMs: 1000, tls });
  try {
    const reply = await undiciFetch(new URL('contract', url), { signal: AbortSignal.timeout(timeoutMs), redirect: 'error', dispatcher: agent });
    const type = reply.headers.get('content-type') ?? '';
    if (reply.ok && /^(text\/plain|application\/graphql)/.test(type)) return await reply.text();
  } catch {
    // not reachable this way: try the GraphQL endpoint itself
  } finally {
    await agent.close();
  }
  const fetcher = new MemberFetch({
    timeoutMs,
    maxSockets: 1,
    keepAliveMs: 1000,
    breakerFailureThreshold: 1,
    breakerCooldownMs: 1000,
    logger: createLogger('check-hospital', 'silent'),
    tls,
  });
  try {
    return await fetcher.fetchServiceSdl('candidate', url);
  } finally {
    await fetcher.close();
  }
}

const list = (lines: string[]) => lines.map((line) => `  - ${line}`).join('\n');

/** The report a partner reads: breaking differences, later fields missing, additions; and the exit code. */
export function formatReport(report: ContractReport): { text: string; exitCode: number } {
  const parts: string[] = [];
  let exitCode: number = EXIT.current;
  if (report.breaking.length > 0) {
    exitCode = EXIT.refused;
    parts.push(
      `INCOMPATIBLE: ${report.breaking.length} problem${report.breaking.length === 1 ? '' : 's'} with the hospital contract ${report.currentVersion}; the gateway refuses this subgraph:\n${list(report.breaking)}`,
    );
  } else if (report.version !== report.currentVersion) {
    exitCode = EXIT.older;
    parts.push(
      `OLDER VERSION: the subgraph serves the hospital contract ${report.version}, not ${report.currentVersion}; the gateway routes to it without the later fields (their part is null with MEMBER_OUTDATED).`,
    );
  } else {
    parts.push(`OK: the subgraph serves the hospital contract ${report.currentVersion}.`);
  }
  if (report.missingLater.length > 0) parts.push(`Fields of later contract versions it lacks:\n${list(report.missingLater.map((l) => `${l.problem} (contract ${l.version})`))}`);
  if (report.additions.length > 0) parts.push(`Additions beyond the contract (the gateway ignores them):\n${list(report.additions)}`);
  return { text: `${parts.join('\n')}\n`, exitCode };
}

/**
 * `medalliance check-hospital`: the gateway's own contract check, for a partner hospital
 * before it joins and before it upgrades — against a running subgraph (`--url`) or an
 * SDL file offline (`--schema`, as `rover subgraph check` does). Exit codes: `EXIT`.
 */
export async function run(argv: string[]): Promise<void> {
  let values: { url?: string; schema?: string; contract?: string; 'timeout-ms'?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { url: { type: 'string' }, schema: { type: 'string' }, contract: { type: 'string' }, 'timeout-ms': { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.url === !values.schema) throw new UsageError(`Give exactly one of --url and --schema.\n${USAGE}`);
  if (values.url) {
    try {
      new URL(values.url);
    } catch {
      throw new UsageError(`--url must be a URL.\n${USAGE}`);
    }
  }
  const timeoutMs = Number(values['timeout-ms'] ?? 5000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 50) throw new UsageError(`--timeout-ms must be a whole number of at least 50.\n${USAGE}`);

  const readFile = (file: string, what: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.\n${USAGE}`);
    }
  };
  const contractSdl = values.contract ? readFile(values.contract, 'the contract file') : readSchemaFile(HOSPITAL_CONTRACT_FILE);
  const contract = buildSdlSchema(contractSdl);

  let sdl: string;
  if (values.schema) sdl = readFile(values.schema, 'the schema file');
  else {
    try {
      sdl = await readMemberSdl(values.url!, timeoutMs);
    } catch (error) {
      process.stdout.write(
        `FAILED: could not read the subgraph's schema (GET /contract or _service { sdl }): ${(error as Error).message}\n` +
          'A member serves its contract at GET /contract beside /graphql without a token; a partner implementation without it must answer _service { sdl } without a token, or be checked offline with --schema.\n',
      );
      process.exitCode = EXIT.refused;
      return;
    }
  }
  const { text, exitCode } = formatReport(checkContractVersions(contract, sdl, readContractFacts(contractSdl)));
  process.stdout.write(text);
  process.exitCode = exitCode;
}

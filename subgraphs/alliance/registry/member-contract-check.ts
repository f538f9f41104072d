import type { GraphQLSchema } from 'graphql';
import { GATEWAY_KEY_NAME, hospitalAudience, signGatewayToken } from '../../../common/auth/gateway-token';
import { loadSigningKey, type SigningKey } from '../../../common/auth/key-store';
import { buildSdlSchema, checkContractVersions } from '../../../common/contract/contract-check';
import { HOSPITAL_CONTRACT_FILE, readSchemaFile } from '../../../common/contract/schema-files';

/** The problems a candidate member's subgraph has with the hospital contract; empty = it serves it. */
export type CheckMemberContract = (member: { id: string; subgraphUrl: string }) => Promise<string[]>;

/** Never the remote answer itself: an admin sees that the SDL could not be read, not what the URL said. */
export const SDL_UNREADABLE = 'the subgraph did not answer _service { sdl } (down, wrong URL, or not a MedAlliance hospital subgraph)';

/** The public contract a hospital member serves without a token (`GET /contract`, docs/SECURITY.md). */
async function readPublicContract(subgraphUrl: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const reply = await fetch(new URL('contract', subgraphUrl), { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    return reply.ok && /^text\/plain/.test(reply.headers.get('content-type') ?? '') ? await reply.text() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * DESIGN 3.2: `registerHospital` is contract-checked, then live. The alliance reads the
 * candidate's public contract (`GET /contract`, which our hospital subgraph serves without
 * a token), else its `_service { sdl }` the way the gateway does (a service token for that
 * member's audience and that one request when the gateway key is at hand), and runs the
 * shared contract check. A member serving only an older version (lacking `@since` fields)
 * passes: the gateway serves it at that version.
 */
export function createMemberContractCheck(options: { dataDir: string; timeoutMs?: number; contract?: GraphQLSchema }): CheckMemberContract {
  let key: Promise<SigningKey | undefined> | undefined;
  let contract = options.contract;
  return async (member) => {
    contract ??= buildSdlSchema(readSchemaFile(HOSPITAL_CONTRACT_FILE));
    const timeoutMs = options.timeoutMs ?? 5_000;
    const published = await readPublicContract(member.subgraphUrl, timeoutMs);
    if (published !== undefined) return checkContractVersions(contract, published).breaking;
    key ??= loadSigningKey(options.dataDir, GATEWAY_KEY_NAME);
    const signingKey = await key;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    const request = { query: '{ _service { sdl } }' };
    if (signingKey)
      headers.authorization = `Bearer ${await signGatewayToken(signingKey, { subject: 'medalliance-alliance', role: 'service' }, hospitalAudience(member.id), request)}`;
    let sdl: unknown;
    try {
      const response = await fetch(member.subgraphUrl, { method: 'POST', headers, body: JSON.stringify(request), signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
      sdl = ((await response.json()) as { data?: { _service?: { sdl?: unknown } } }).data?._service?.sdl;
    } catch {
      return [SDL_UNREADABLE];
    }
    if (typeof sdl !== 'string') return [SDL_UNREADABLE];
    return checkContractVersions(contract, sdl).breaking;
  };
}

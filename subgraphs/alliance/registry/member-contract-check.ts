import type { GraphQLSchema } from 'graphql';
import { GATEWAY_KEY_NAME, hospitalAudience, signGatewayToken } from '../../../common/auth/gateway-token';
import { loadSigningKey, type SigningKey } from '../../../common/auth/key-store';
import { buildSdlSchema, checkContract } from '../../../common/contract/contract-check';
import { HOSPITAL_CONTRACT_FILE, readSchemaFile } from '../../../common/contract/schema-files';

/** The problems a candidate member's subgraph has with the hospital contract; empty = it serves it. */
export type CheckMemberContract = (member: { id: string; subgraphUrl: string }) => Promise<string[]>;

/** Never the remote answer itself: an admin sees that the SDL could not be read, not what the URL said. */
export const SDL_UNREADABLE = 'the subgraph did not answer _service { sdl } (down, wrong URL, or not a MedAlliance hospital subgraph)';

/**
 * DESIGN 3.2: `registerHospital` is contract-checked, then live. The alliance reads the
 * candidate's `_service { sdl }` the way the gateway does (a service token for that member's
 * audience when the gateway key is at hand; without it the request goes unauthenticated,
 * for members that publish their contract SDL) and runs the shared contract check.
 */
export function createMemberContractCheck(options: { dataDir: string; timeoutMs?: number; contract?: GraphQLSchema }): CheckMemberContract {
  let key: Promise<SigningKey | undefined> | undefined;
  let contract = options.contract;
  return async (member) => {
    contract ??= buildSdlSchema(readSchemaFile(HOSPITAL_CONTRACT_FILE));
    key ??= loadSigningKey(options.dataDir, GATEWAY_KEY_NAME);
    const signingKey = await key;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (signingKey) headers.authorization = `Bearer ${await signGatewayToken(signingKey, { subject: 'medalliance-alliance', role: 'service' }, hospitalAudience(member.id))}`;
    let sdl: unknown;
    try {
      const response = await fetch(member.subgraphUrl, { method: 'POST', headers, body: JSON.stringify({ query: '{ _service { sdl } }' }), signal: AbortSignal.timeout(options.timeoutMs ?? 5_000), redirect: 'error' });
      sdl = ((await response.json()) as { data?: { _service?: { sdl?: unknown } } }).data?._service?.sdl;
    } catch {
      return [SDL_UNREADABLE];
    }
    if (typeof sdl !== 'string') return [SDL_UNREADABLE];
    return checkContract(contract, sdl);
  };
}

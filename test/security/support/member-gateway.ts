import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { loadGatewayConfig } from '../../../common/config/gateway-settings';
import { createLogger } from '../../../common/log';
import { startGateway, type RunningGateway } from '../../../gateway/start-gateway';
import { startAllianceDirectory, startPartnerHospital } from '../../gateway/support/partner-hospital';
import { scratchDataDir, scratchSchemaFolder, schemaText } from '../../gateway/support/schema-folder';
import type { TinySubgraph } from '../../gateway/support/tiny-subgraph';
import { asyncHandler } from '../../support/async-handler';

/**
 * A member that answers the contract check, then holds every other request open and
 * tells when the gateway gives up on one (the socket closes unanswered).
 */
export interface HungMember {
  url: string;
  /** Resolves with each request that arrives (after the contract check). */
  nextRequest(): Promise<void>;
  /** Resolves when a held request's connection is closed by the gateway. */
  nextAbort(): Promise<void>;
  held: number;
  close(): Promise<void>;
}

export async function startHungMember(): Promise<HungMember> {
  const sdl = schemaText('hospital.graphql');
  const held = new Set<http.ServerResponse>();
  const waiting = { request: [] as (() => void)[], abort: [] as (() => void)[] };
  const server = http.createServer(
    asyncHandler(async (req, res) => {
      // a health probe (a GET) hangs too, but it is not a member call the tests count
      if (req.method === 'GET') return;
      let body = '';
      for await (const chunk of req) body += chunk;
      if (body.includes('_service')) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { _service: { sdl } } }));
        return;
      }
      held.add(res);
      res.once('close', () => {
        held.delete(res);
        waiting.abort.splice(0).forEach((resolve) => resolve());
      });
      waiting.request.splice(0).forEach((resolve) => resolve());
    }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    nextRequest: () => new Promise<void>((resolve) => waiting.request.push(resolve)),
    nextAbort: () => new Promise<void>((resolve) => waiting.abort.push(resolve)),
    get held() {
      return held.size;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface MemberSpec {
  id: string;
  status?: 'ACTIVE' | 'SUSPENDED' | 'LEFT';
  staff?: string[];
}

export interface MemberGateway {
  gateway: RunningGateway;
  url: string;
  base: string;
  dataDir: string;
  members: Map<string, TinySubgraph>;
  hung?: HungMember;
  /** Sets a listed hospital's status at the alliance and waits for the gateway's next poll. */
  setStatus(id: string, status: 'ACTIVE' | 'SUSPENDED' | 'LEFT'): Promise<void>;
  close(): Promise<void>;
}

/** The claims of the gateway's token a member received with its last request. */
export function lastGatewayClaims(member: TinySubgraph): Record<string, unknown> {
  const last = member.received[member.received.length - 1];
  return decodeJwt(String(last.headers.authorization).replace(/^Bearer /, ''));
}

/**
 * An in-process gateway (port 0, real HTTP) in front of partner hospitals with the statuses
 * given, an alliance directory listing them, and optionally a hung member `p-hung`.
 */
export async function startMemberGateway(
  specs: MemberSpec[],
  env: NodeJS.ProcessEnv = {},
  options: { hung?: boolean; allianceResolvers?: Record<string, unknown>; alsoListed?: { id: string; url: string }[] } = {},
): Promise<MemberGateway> {
  const dataDir = scratchDataDir();
  const members = new Map<string, TinySubgraph>();
  for (const spec of specs) members.set(spec.id, await startPartnerHospital(spec.id, { staff: spec.staff ?? ['Lin', 'Bo'], departments: ['Surgery'] }));
  const hung = options.hung ? await startHungMember() : undefined;
  const listing = specs.map((s) => ({ id: s.id, url: members.get(s.id)!.url, status: s.status ?? 'ACTIVE' }));
  if (hung) listing.push({ id: 'p-hung', url: hung.url, status: 'ACTIVE' });
  for (const other of options.alsoListed ?? []) listing.push({ ...other, status: 'ACTIVE' });
  const alliance = await startAllianceDirectory(listing, options.allianceResolvers);
  const stopAll = () => Promise.all([...[...members.values()].map((m) => m.close()), alliance.close(), hung?.close()]);
  try {
    const config = loadGatewayConfig({ PORT: '0', ALLIANCE_URL: alliance.url, MEDALLIANCE_DATA_DIR: dataDir, MEDALLIANCE_REGISTRY_POLL_MS: '3600000', ...env });
    const gateway = await startGateway(config, { schemaDir: scratchSchemaFolder(), logger: createLogger('gateway', 'silent') });
    return {
      gateway,
      url: gateway.url,
      base: gateway.url.replace(/\/graphql$/, ''),
      dataDir,
      members,
      hung,
      async setStatus(id, status) {
        alliance.members.find((m) => m.id === id)!.status = status;
        await gateway.registry.refresh();
      },
      async close() {
        await gateway.close();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { asyncHandler } from '../../support/async-handler';

/**
 * A tiny GraphQL subgraph over plain node:http, standing in for things outside the
 * system under test: a partner hospital's own implementation (for contract and partial
 * failure cases) or an alliance directory. Real HTTP, port 0.
 */
export interface TinySubgraph {
  url: string;
  port: number;
  /** Every query text received (GraphQL calls; health probes are not counted), for "no request was sent" assertions. */
  received: { query: string; variables?: Record<string, unknown>; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/** `port` 0 = any free port; a given port lets a test start a new version of a member at the same address. */
export async function startTinySubgraph(sdl: string, resolvers: Record<string, any>, port = 0): Promise<TinySubgraph> {
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  const received: TinySubgraph['received'] = [];
  const server = http.createServer(
    asyncHandler(async (req, res) => {
      if (req.method === 'GET') {
        // the gateway's health probe (its /readyz): answered, but no GraphQL call to count
        res.setHeader('content-type', 'application/json');
        res.end('{"status":"ready"}');
        return;
      }
      let body = '';
      for await (const chunk of req) body += chunk;
      const { query, variables } = JSON.parse(body || '{}');
      received.push({ query, variables, headers: req.headers });
      const result = await graphql({ schema, source: query, variableValues: variables });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(result));
    }),
  );
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const listening = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${listening}/graphql`,
    port: listening,
    received,
    close: () => {
      // keep-alive sockets of the gateway would keep the port busy
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve())).then(() => undefined);
    },
  };
}

/**
 * A hung member: accepts every request and never answers it. With `serviceSdl` it does
 * answer the contract check (`_service { sdl }`) first, so that the gateway routes to it;
 * with `answersProbes` it also answers every health probe (a GET) as ready, so that the
 * gateway sends it a change and never hears back.
 */
export async function startSilentServer(serviceSdl?: string, options: { answersProbes?: boolean } = {}): Promise<{ url: string; pending: number; close(): Promise<void> }> {
  const open = new Set<http.ServerResponse>();
  const server = http.createServer(
    asyncHandler(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      const probe = options.answersProbes === true && req.method === 'GET';
      if (probe || (serviceSdl && body.includes('_service'))) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(probe ? { status: 'ready' } : { data: { _service: { sdl: serviceSdl } } }));
        return;
      }
      open.add(res);
    }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    get pending() {
      return open.size;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

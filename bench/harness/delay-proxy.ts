import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';

export const SQL_HEADER = 'x-medalliance-sql-statements';

export interface ProxyCounters {
  responses: number;
  /** Sum of the member's `x-medalliance-sql-statements` over the answers relayed. */
  sqlStatements: number;
}

export interface DelayProxy {
  url: string;
  counters: ProxyCounters;
  close(): Promise<void>;
}

/**
 * An HTTP relay in front of one subgraph that holds every request for `delayMs` before
 * passing it on (a WAN between hospitals), and with `countSql` asks the subgraph to count
 * the SQL statements of each request and sums them. Upstream sockets are kept alive, like the gateway's own.
 */
export async function startDelayProxy(target: string, delayMs: number, countSql = false): Promise<DelayProxy> {
  const upstream = new URL(target);
  // idle sockets go before the subgraph's own 5 s keep-alive ends them (a reused dead socket is a 502)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4000 });
  const counters: ProxyCounters = { responses: 0, sqlStatements: 0 };
  const relay = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => {
    // a subgraph counts only the requests that carry the header
    const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length), ...(countSql ? { [SQL_HEADER]: 'count' } : {}) };
    const outgoing = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent }, (answer) => {
      counters.responses += 1;
      counters.sqlStatements += Number(answer.headers[SQL_HEADER] ?? 0) || 0;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    outgoing.once('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    outgoing.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (delayMs > 0) setTimeout(relay, delayMs, req, res, body);
      else relay(req, res, body);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    counters,
    async close() {
      server.closeAllConnections();
      server.close();
      agent.destroy();
    },
  };
}

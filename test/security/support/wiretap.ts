import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call as it crossed the wire: what an attacker on the network path sees. */
export interface TappedCall {
  headers: Record<string, string>;
  body: string;
}

/**
 * A relay in front of a member's subgraph that records every call (DESIGN 5's threat: a
 * token captured on the wire). `drop` makes it keep the next calls to itself, as an
 * attacker who intercepts instead of relaying: the member never sees that token.
 */
export interface Wiretap {
  url: string;
  calls: TappedCall[];
  /** Where relayed calls go; set once the member's URL is known. */
  target: string | undefined;
  drop: boolean;
  close(): Promise<void>;
}

const RELAYED = ['authorization', 'content-type', 'accept', 'x-request-id', 'x-purpose-of-use'];

export async function startWiretap(): Promise<Wiretap> {
  const tap: Wiretap = { url: '', calls: [], target: undefined, drop: false, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(RELAYED.filter((name) => typeof req.headers[name] === 'string').map((name) => [name, req.headers[name] as string]));
      tap.calls.push({ headers, body });
      if (tap.drop || !tap.target) {
        res.writeHead(502).end();
        return;
      }
      fetch(tap.target, { method: req.method, headers, body: req.method === 'GET' ? undefined : body }).then(
        async (answer) => res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(await answer.text()),
        () => res.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tap.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  tap.close = () => new Promise((resolve) => server.close(() => resolve()));
  return tap;
}

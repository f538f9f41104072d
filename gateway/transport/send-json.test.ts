import { getEventListeners } from 'node:events';
import { Agent } from 'undici';
import { AnswerTooLargeError, CallCancelledError, CallTimeoutError, sendJson } from './send-json';
import { listenOnLoopback, waitFor } from '../../test/support/loopback-server';

/** A server that answers `/json` and `/text` at once and holds `/hang` open; it counts requests closed unanswered. */
async function startServer() {
  const state = { received: [] as string[], closedUnanswered: 0 };
  const { base, close } = await listenOnLoopback((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      state.received.push(body);
      if (req.url === '/json') res.end(JSON.stringify({ data: { echo: JSON.parse(body) as unknown } }));
      else if (req.url === '/text') res.end('not json');
      else if (req.url === '/large') res.end(JSON.stringify({ data: { filler: 'x'.repeat(100_000) } }));
      else res.once('close', () => (state.closedUnanswered += 1));
    });
  });
  return { base, state, close };
}

const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('sendJson (one member call)', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let agent: Agent;
  beforeEach(async () => {
    server = await startServer();
    agent = new Agent({ connections: 1, pipelining: 1 });
  });
  afterEach(async () => {
    await agent.destroy();
    await server.close();
  });

  it('posts the body as given and parses the answer; a body that is not JSON comes back undefined, with its text', async () => {
    const reply = await sendJson(agent, `${server.base}/json`, body({ query: '{ a }' }), { authorization: 'Bearer t' }, { timeoutMs: 5000, maxBytes: Infinity });
    expect(reply).toEqual({ status: 200, body: { data: { echo: { query: '{ a }' } } } });
    expect(await sendJson(agent, `${server.base}/text`, body({}), {}, { timeoutMs: 5000, maxBytes: Infinity })).toEqual({ status: 200, body: undefined, text: 'not json' });
  });

  it('stops reading an answer over the cap: AnswerTooLargeError', async () => {
    await expect(sendJson(agent, `${server.base}/large`, body({}), {}, { timeoutMs: 5000, maxBytes: 4096 })).rejects.toBeInstanceOf(AnswerTooLargeError);
  });

  it('ends a call at its timeout and closes its request, also a call still queued for the one socket', async () => {
    const started = Date.now();
    // the queued call's deadline comes first, while the first call still holds the one socket:
    // timers fire in order, so it cannot be sent after the first call's socket is closed
    const first = sendJson(agent, `${server.base}/hang`, body({ n: 1 }), {}, { timeoutMs: 900, maxBytes: Infinity });
    const queued = sendJson(agent, `${server.base}/hang`, body({ n: 2 }), {}, { timeoutMs: 300, maxBytes: Infinity });
    const [a, b] = await Promise.allSettled([first, queued]);
    expect(a).toMatchObject({ status: 'rejected', reason: expect.any(CallTimeoutError) });
    expect(b).toMatchObject({ status: 'rejected', reason: expect.any(CallTimeoutError) });
    expect(Date.now() - started).toBeLessThan(3000);
    await waitFor(() => server.state.closedUnanswered === 1);
    // the queued call never went out: it was ended before undici gave it the socket
    expect(server.state.received).toEqual([JSON.stringify({ n: 1 })]);
  });

  it("ends every call of a client request when the client goes away, with one listener on the client's signal", async () => {
    const wide = new Agent({ connections: 10 });
    try {
      const client = new AbortController();
      const calls = [1, 2, 3].map((n) => sendJson(wide, `${server.base}/hang`, body({ n }), {}, { timeoutMs: 60_000, maxBytes: Infinity, cancel: client.signal }));
      await waitFor(() => server.state.received.length === 3);
      expect(getEventListeners(client.signal, 'abort')).toHaveLength(1);
      client.abort();
      const ended = await Promise.allSettled(calls);
      expect(ended.map((e) => (e.status === 'rejected' ? (e.reason as Error).constructor : e.status))).toEqual([CallCancelledError, CallCancelledError, CallCancelledError]);
      await waitFor(() => server.state.closedUnanswered === 3);
      await expect(sendJson(wide, `${server.base}/json`, body({}), {}, { timeoutMs: 5000, maxBytes: Infinity, cancel: client.signal })).rejects.toBeInstanceOf(CallCancelledError);
      expect(server.state.received).toHaveLength(3);
    } finally {
      await wide.destroy();
    }
  });
});

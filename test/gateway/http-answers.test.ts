import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { SignJWT } from 'jose';
import pino from 'pino';
import { loadGatewayConfig } from '../../common/config/gateway-settings';
import { DEV_CALLER_AUDIENCE, DEV_ISSUER, DEV_ISSUER_KEY_NAME } from '../../common/auth/caller-token';
import { loadOrCreateSigningKey } from '../../common/auth/key-store';
import { startGateway, type RunningGateway } from '../../gateway/start-gateway';
import { callerHeaders } from './support/caller-headers';
import { startAllianceDirectory, startPartnerHospital } from './support/partner-hospital';
import { scratchDataDir, scratchSchemaFolder } from './support/schema-folder';
import type { TinySubgraph } from './support/tiny-subgraph';
// captured from the express router path (every request through express) before /graphql's POSTs left it
import ANSWERS from './http-answers.json';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** What the gateway logged for the request (time, duration, process fields left out). */
  log: Record<string, unknown>[];
}

/** Headers every answer has, whoever wrote it (Node's own). */
const NODE_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** Log fields that differ on every run. */
const VOLATILE = new Set(['time', 'pid', 'hostname', 'durationMs']);

type Body = Buffer | string | undefined;
type Case = [name: string, method: string, path: string, headers: Record<string, string>, body?: Body, options?: { chunked?: boolean; summary?: boolean }];

/** Log lines as the gateway writes them, kept per request. */
class Lines extends Writable {
  records: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line) this.records.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
}

function normalised(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!VOLATILE.has(key)) out[key] = typeof value === 'string' ? value.replace(UUID, '<uuid>') : value;
  return out;
}

/**
 * The gateway's /graphql and its neighbours as a client sees them on the wire: status,
 * every header but Node's own, body, and the request's log lines; request ids are a
 * placeholder. Both the express router and the router-less POST path must answer alike.
 */
describe('gateway HTTP answers', () => {
  let partner: TinySubgraph;
  let alliance: Awaited<ReturnType<typeof startAllianceDirectory>>;
  let gateway: RunningGateway;
  let base: string;
  const lines = new Lines();
  const dataDir = scratchDataDir();
  const schemaDir = scratchSchemaFolder();
  let subjects = 0;

  beforeAll(async () => {
    partner = await startPartnerHospital('p-one', { staff: ['Lin'] });
    alliance = await startAllianceDirectory([{ id: 'p-one', url: partner.url }]);
    const config = loadGatewayConfig({
      PORT: '0',
      ALLIANCE_URL: alliance.url,
      MEDALLIANCE_DATA_DIR: dataDir,
      MEDALLIANCE_REGISTRY_POLL_MS: '3600000',
      MEDALLIANCE_MEMBER_TIMEOUT_MS: '1000',
      // a caller gets one request at once, then one a second: each case has its own subject
      MEDALLIANCE_RATE_LIMIT_BURST: '1',
      MEDALLIANCE_RATE_LIMIT_PER_SECOND: '1',
    });
    gateway = await startGateway(config, { schemaDir, logger: pino({ name: 'gateway', level: 'info', base: { service: 'gateway' } }, lines) });
    base = gateway.url.replace(/\/graphql$/, '');
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([partner, alliance].map((s) => s?.close()));
  });

  /** A token of a caller no other case uses (the rate limit is per subject). */
  async function token(role: 'analyst' | 'clinician' = 'analyst'): Promise<Record<string, string>> {
    subjects += 1;
    return callerHeaders(dataDir, role, role === 'clinician' ? 'p-one' : undefined, { subject: `case-${subjects}` });
  }

  async function expiredToken(): Promise<string> {
    const key = await loadOrCreateSigningKey(dataDir, DEV_ISSUER_KEY_NAME);
    const issuedAt = Math.floor(Date.now() / 1000) - 7200;
    return new SignJWT({ role: 'analyst' })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setSubject('expired')
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_CALLER_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + 3600)
      .sign(key.privateKey);
  }

  function send(method: string, path: string, headers: Record<string, string>, body: Body, options: { chunked?: boolean; summary?: boolean } = {}): Promise<Answer> {
    const logged = lines.records.length;
    const length = body !== undefined && !options.chunked ? { 'content-length': String(Buffer.byteLength(body)) } : {};
    return new Promise((resolve, reject) => {
      const request = http.request(`${base}${path}`, { method, headers: { ...headers, ...length } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          let text = Buffer.concat(chunks).toString('utf8').replace(UUID, '<uuid>');
          const out: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (NODE_HEADERS.has(name) || value === undefined) continue;
            out[name] = (Array.isArray(value) ? value.join(', ') : value).replace(UUID, '<uuid>');
          }
          // pages and metrics: their kind, not their text
          if (options.summary) {
            text = text.slice(0, 40);
            delete out['content-length'];
          }
          // the request log line is written before the answer's last byte is sent
          const log = lines.records.slice(logged).filter((r) => r.requestId !== undefined || r.msg === 'HTTP request failed');
          resolve({ status: res.statusCode ?? 0, headers: out, body: text, log: log.map(normalised) });
        });
      });
      request.on('error', reject);
      if (options.chunked && body !== undefined) request.write(body);
      request.end(options.chunked ? undefined : body);
    });
  }

  it('answers each request as the express router did', async () => {
    const json = { 'content-type': 'application/json' };
    const staff = '{"query":"{ staffDirectory { name } }"}';
    const many = JSON.stringify({ query: `{ staffDirectory { ${'name '.repeat(2100)}} }` });
    const directives = JSON.stringify({ query: `{ staffDirectory { ${Array.from({ length: 11 }, (_, i) => `n${i}: name @include(if: true)`).join(' ')} } }` });
    const huge = JSON.stringify({ query: `{ staffDirectory { name } } #${'x'.repeat(110_000)}` });
    const get = '/graphql?query=%7B%20staffDirectory%20%7B%20name%20%7D%20%7D';
    const expired = await expiredToken();
    const cases: Case[] = [
      ['a good query', 'POST', '/graphql', { ...json, ...(await token()) }, staff],
      ['the same query again (fast path)', 'POST', '/graphql', { ...json, ...(await token()) }, staff],
      ['a clinician', 'POST', '/graphql', { ...json, ...(await token('clinician')) }, staff],
      ['a clinician without purpose', 'POST', '/graphql', { ...json, authorization: (await token('clinician')).authorization }, staff],
      ["the caller's request id, logged beside ours", 'POST', '/graphql', { ...json, ...(await token()), 'x-request-id': 'req-42' }, staff],
      ['an unsafe request id, dropped', 'POST', '/graphql', { ...json, ...(await token()), 'x-request-id': 'bad id!' }, staff],
      ['graphql-response+json accepted', 'POST', '/graphql', { ...json, ...(await token()), accept: 'application/graphql-response+json' }, staff],
      ['a query string', 'POST', '/graphql?a=1', { ...json, ...(await token()) }, staff],
      ['charset=utf-8', 'POST', '/graphql', { ...(await token()), 'content-type': 'application/json; charset=utf-8' }, staff],
      ['upper case media type', 'POST', '/graphql', { ...(await token()), 'content-type': 'Application/JSON' }, staff],
      ['a byte-order mark', 'POST', '/graphql', { ...json, ...(await token()) }, `\ufeff${staff}`],
      ['an operation name', 'POST', '/graphql', { ...json, ...(await token()) }, '{"query":"query Staff { staffDirectory { name } }","operationName":"Staff"}'],
      ['a parse error', 'POST', '/graphql', { ...json, ...(await token()) }, '{"query":"{ staffDirectory "}'],
      ['a validation error', 'POST', '/graphql', { ...json, ...(await token()) }, '{"query":"{ nope }"}'],
      ['no query', 'POST', '/graphql', { ...json, ...(await token()) }, '{"variables":{}}'],
      ['a query that is not a string', 'POST', '/graphql', { ...json, ...(await token()) }, '{"query":42}'],
      ['a batch', 'POST', '/graphql', { ...json, ...(await token()) }, `[${staff}]`],
      ['malformed JSON', 'POST', '/graphql', { ...json, ...(await token()) }, '{"query":'],
      ['malformed JSON, graphql-response+json accepted', 'POST', '/graphql', { ...json, ...(await token()), accept: 'application/graphql-response+json' }, '{"query":'],
      ['a string at the top', 'POST', '/graphql', { ...json, ...(await token()) }, '"{ staffDirectory { name } }"'],
      ['a number at the top', 'POST', '/graphql', { ...json, ...(await token()) }, ' 42'],
      ['an empty body', 'POST', '/graphql', { ...json, ...(await token()) }, ''],
      ['a chunked body', 'POST', '/graphql', { ...json, ...(await token()) }, staff, { chunked: true }],
      ['over the body limit', 'POST', '/graphql', { ...json, ...(await token()) }, huge],
      ['over the body limit, graphql-response+json accepted', 'POST', '/graphql', { ...json, ...(await token()), accept: 'application/graphql-response+json' }, huge],
      ['too many tokens', 'POST', '/graphql', { ...json, ...(await token()) }, many],
      ['too many tokens, graphql-response+json accepted', 'POST', '/graphql', { ...json, ...(await token()), accept: 'application/graphql-response+json' }, many],
      ['too many tokens, either accepted', 'POST', '/graphql', { ...json, ...(await token()), accept: 'application/json, application/graphql-response+json' }, many],
      ['too many tokens, neither accepted', 'POST', '/graphql', { ...json, ...(await token()), accept: 'text/html' }, many],
      ['too many tokens, no token', 'POST', '/graphql', json, many],
      ['too many directives', 'POST', '/graphql', { ...json, ...(await token()) }, directives],
      ['gzip', 'POST', '/graphql', { ...json, ...(await token()), 'content-encoding': 'gzip' }, gzipSync(staff)],
      ['an unknown content encoding', 'POST', '/graphql', { ...json, ...(await token()), 'content-encoding': 'br2' }, staff],
      ['latin1', 'POST', '/graphql', { ...(await token()), 'content-type': 'application/json; charset=latin1' }, staff],
      ['text/plain (CSRF)', 'POST', '/graphql', { ...(await token()), 'content-type': 'text/plain' }, staff],
      ['no content type (CSRF)', 'POST', '/graphql', await token(), staff],
      ['no token', 'POST', '/graphql', json, staff],
      ['a bad token', 'POST', '/graphql', { ...json, authorization: 'Bearer not-a-token' }, staff],
      ['an expired token', 'POST', '/graphql', { ...json, authorization: `Bearer ${expired}` }, staff],
      ['no token and malformed JSON', 'POST', '/graphql', json, '{"query":'],
      ['a GET query', 'GET', get, { ...(await token()), 'apollo-require-preflight': 'true' }],
      ['a GET without preflight header (CSRF)', 'GET', get, await token()],
      ['a GET without token', 'GET', get, { 'apollo-require-preflight': 'true' }],
      ['a GET of too many tokens', 'GET', `/graphql?query=${encodeURIComponent(JSON.parse(many).query as string)}`, { ...(await token()), 'apollo-require-preflight': 'true' }],
      ['GraphiQL', 'GET', '/graphql', { accept: 'text/html,application/xhtml+xml' }, undefined, { summary: true }],
      ['HEAD', 'HEAD', '/graphql', await token()],
      ['PUT', 'PUT', '/graphql', { ...json, ...(await token()) }, staff],
      ['a trailing slash', 'POST', '/graphql/', { ...json, ...(await token()) }, staff],
      ['another case', 'POST', '/GraphQL', { ...json, ...(await token()) }, staff],
      ['a path below', 'POST', '/graphql/x', { ...json, ...(await token()) }, staff],
      ['an unknown path', 'POST', '/nope', { ...json, ...(await token()) }, staff],
      ['GET of an unknown path', 'GET', '/nope', {}],
      ['health', 'GET', '/healthz', {}],
      ['readiness', 'GET', '/readyz', {}, undefined, { summary: true }],
      ['metrics', 'GET', '/metrics', {}, undefined, { summary: true }],
      ['the subgraph keys', 'GET', '/.well-known/jwks.json', {}, undefined, { summary: true }],
    ];
    const answers: Record<string, Answer> = {};
    for (const [name, method, path, headers, body, options] of cases) answers[name] = await send(method, path, headers, body, options);

    // one caller, at once: the first request passes, a later one within the second is refused
    const limited = await token();
    const first = await send('POST', '/graphql', { ...json, ...limited }, staff);
    let refused = first;
    for (let i = 0; i < 5 && refused.status === 200; i += 1) refused = await send('POST', '/graphql', { ...json, ...limited }, staff);
    answers['over the rate limit'] = refused;
    const metrics = await send('GET', '/metrics', {}, undefined);
    expect(metrics.body).toMatch(/^medalliance_gateway_fast_path_requests_total [1-9]/m);
    if (process.env.CAPTURE_GATEWAY_ANSWERS) writeFileSync(`${__dirname}/http-answers.json`, `${JSON.stringify(answers, null, 2)}\n`);
    expect(answers).toEqual(ANSWERS);
  });
});

import type { Request, Response } from 'express';
import { fetch as undiciFetch } from 'undici';
import { REQUEST_ID_HEADER } from '../plugins/request-id';
import type { GraphQLAnswer } from './fhir-answers';
import { loopbackAgent } from './loopback-agent';
import { fhirError } from './operation-outcome';

/** The caller's own headers that decide what the gateway answers; nothing else is passed on. */
const PASSED_ON = ['authorization', 'x-purpose-of-use'];

/**
 * Runs a GraphQL operation through this gateway's own /graphql over loopback, as the
 * caller: the same token check, limits, access rules, audit and partial-answer rules
 * apply to a FHIR read as to the GraphQL query it stands for. The caller's own token is
 * passed on (callers' tokens are not once-only); the gateway then signs each subgraph
 * call afresh. Over HTTPS when the gateway listens on HTTPS.
 */
export async function loopbackGraphQL(req: Request, res: Response, query: string, variables: Record<string, unknown>): Promise<GraphQLAnswer> {
  let address = req.socket.localAddress ?? '127.0.0.1';
  if (address.startsWith('::ffff:')) address = address.slice('::ffff:'.length);
  const host = address.includes(':') ? `[${address}]` : address;
  const dispatcher = loopbackAgent(req.socket);
  const url = `${dispatcher ? 'https' : 'http'}://${host}:${req.socket.localPort}/graphql`;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  for (const name of PASSED_ON) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  if (res.locals.requestId) headers[REQUEST_ID_HEADER] = String(res.locals.requestId);
  const body = JSON.stringify({ query, variables });
  const response = dispatcher ? await undiciFetch(url, { method: 'POST', headers, body, dispatcher }) : await fetch(url, { method: 'POST', headers, body });
  try {
    return (await response.json()) as GraphQLAnswer;
  } catch {
    throw fhirError(502, 'exception', 'The gateway gave no GraphQL answer.');
  }
}

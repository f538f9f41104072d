import { postGraphQL } from '../support/graphql-client';
import { IDP_AUDIENCE, startIdentityProvider, type IdentityProvider } from './support/identity-provider';
import { startPartnerGateway, type PartnerGateway } from './support/partner-gateway';

const INTROSPECTION = '{ __schema { queryType { name } } }';
const MISSPELT = '{ staffDirectori { name } }';

/** An alliance directory whose `hospital` field fails the way a broken service does: internals in the message. */
const BROKEN_ALLIANCE = {
  hospital: () => {
    throw new Error('connect ECONNREFUSED 10.20.0.9:3306 at Pool.query (/srv/alliance/db.js:12:3) SELECT * FROM hospital');
  },
};

/**
 * Production mode (MEDALLIANCE_PRODUCTION=true): internal errors masked with a request
 * id, introspection and field suggestions off unless MEDALLIANCE_INTROSPECTION=true.
 * Callers bring tokens from an identity provider (production refuses dev keys).
 */
describe('production mode at the gateway', () => {
  let idp: IdentityProvider;
  let production: PartnerGateway;
  let introspective: PartnerGateway;
  let development: PartnerGateway;
  let headers: Record<string, string>;

  beforeAll(async () => {
    idp = await startIdentityProvider();
    const env = { MEDALLIANCE_PRODUCTION: 'true', MEDALLIANCE_JWKS_URL: idp.jwksUrl, MEDALLIANCE_JWT_ISSUER: idp.issuer, MEDALLIANCE_JWT_AUDIENCE: IDP_AUDIENCE };
    production = await startPartnerGateway(env, BROKEN_ALLIANCE);
    introspective = await startPartnerGateway({ ...env, MEDALLIANCE_INTROSPECTION: 'true' });
    development = await startPartnerGateway({ MEDALLIANCE_JWKS_URL: idp.jwksUrl, MEDALLIANCE_JWT_ISSUER: idp.issuer, MEDALLIANCE_JWT_AUDIENCE: IDP_AUDIENCE }, BROKEN_ALLIANCE);
    headers = { authorization: `Bearer ${await idp.token({ sub: 'analyst-9', role: 'analyst' })}` };
  });
  afterAll(async () => {
    await Promise.all([production, introspective, development].map((s) => s?.close()));
    await idp?.close();
  });

  it("masks an internal error: a generic message with the gateway's request id (not the caller's), no stack, host or SQL", async () => {
    const response = await postGraphQL(production.url, '{ hospital(id: "dh-lead") { name } staffDirectory { name } }', undefined, { ...headers, 'x-request-id': 'req-mask-1' });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.data).toEqual({ hospital: null, staffDirectory: [{ name: 'Bo' }, { name: 'Lin' }] });
    expect(response.body.errors).toEqual([{ message: `Internal error (request ${requestId}).`, path: ['hospital'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }]);
    expect(JSON.stringify(response.body)).not.toMatch(/ECONNREFUSED|10\.20\.0\.9|\/srv\/|SELECT|stacktrace|req-mask-1/);
  });

  it('gives a generated request id when the caller sent none', async () => {
    const response = await postGraphQL(production.url, '{ hospital(id: "dh-lead") { name } }', undefined, headers);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.errors?.[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
  });

  it('does not mask outside production (the message helps a developer), but still strips hosts', async () => {
    const { body } = await postGraphQL(development.url, '{ hospital(id: "dh-lead") { name } }', undefined, headers);
    expect(body.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(body.errors?.[0].message).toContain('ECONNREFUSED');
    expect(body.errors?.[0].message).not.toContain('10.20.0.9');
  });

  it('refuses introspection and hides field suggestions', async () => {
    const introspection = await postGraphQL(production.url, INTROSPECTION, undefined, headers);
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(introspection.body.errors?.[0].message).toMatch(/introspection/i);

    const misspelt = await postGraphQL(production.url, MISSPELT, undefined, headers);
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.errors).toEqual([
      { message: 'Cannot query field "staffDirectori" on type "Query".', locations: expect.any(Array), extensions: { code: 'BAD_USER_INPUT' } },
    ]);
  });

  it('allows both when MEDALLIANCE_INTROSPECTION=true, as in the demo', async () => {
    const introspection = await postGraphQL(introspective.url, INTROSPECTION, undefined, headers);
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const misspelt = await postGraphQL(introspective.url, MISSPELT, undefined, headers);
    expect(misspelt.body.errors?.[0].message).toMatch(/Did you mean "staffDirectory"\?/);
  });
});

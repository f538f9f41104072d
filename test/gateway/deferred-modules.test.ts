import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { DEFERRED_MODULES } from '../../gateway/apollo/deferred-modules';

const DIST = path.join(__dirname, '..', '..', 'dist');
const START_GATEWAY = path.join(DIST, 'gateway', 'start-gateway.js');
const PACKAGES = Object.keys(DEFERRED_MODULES);

/** Runs `body` in a fresh node after loading the built gateway module; prints what `body` returns, as JSON. */
function afterGatewayLoads(body: string): unknown {
  const script = `
    require(${JSON.stringify(START_GATEWAY)});
    const loaded = (name) => Object.keys(require.cache).some((f) => f.includes(require('node:path').join('node_modules', name, '')));
    (async () => { ${body} })().then((out) => console.log(JSON.stringify(out)), (error) => { console.error(error); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: path.join(DIST, '..') }));
}

/**
 * Packages Apollo's modules require but the gateway does not use are loaded on first use
 * (gateway/apollo/deferred-modules.ts): not at start, and they still work when used.
 */
describe('deferred Apollo dependencies', () => {
  it('are not loaded with the gateway', () => {
    expect(afterGatewayLoads(`return ${JSON.stringify(PACKAGES)}.filter(loaded);`)).toEqual([]);
  });

  it('say of themselves, before loading, what the packages say to the modules that require them', () => {
    const deferrals = Object.entries(DEFERRED_MODULES).flatMap(([name, list]) => list.map((deferral) => ({ name, ...deferral })));
    // each requiring module is found among those loaded: the paths the loader watches are still right
    const facts = afterGatewayLoads(`
      return ${JSON.stringify(deferrals)}.map(({ name, parent }) => {
        const file = Object.keys(require.cache).find((f) => f.endsWith(require('node:path').join('node_modules', ...parent.split('/'))));
        if (!file) return { name, parent };
        const m = require('node:module').createRequire(file)(name);
        return { name, parent, esModule: m.__esModule === true, keys: Object.keys(m) };
      });`) as { name: string; parent: string; esModule?: boolean; keys?: string[] }[];
    expect(facts.map(({ name, parent, esModule }) => ({ name, parent, esModule }))).toEqual(deferrals.map(({ name, parent, esModule }) => ({ name, parent, esModule })));
    for (const [i, deferral] of deferrals.entries()) if (deferral.keys) expect(facts[i].keys).toEqual(deferral.keys);
  });

  it('are loaded and work when used', () => {
    const used = afterGatewayLoads(`
      const { RemoteGraphQLDataSource } = require('@apollo/gateway');
      const apollos = new RemoteGraphQLDataSource({ url: 'http://127.0.0.1:1/graphql' });
      const defaultFetch = await apollos.fetcher('http://127.0.0.1:1/graphql').catch((e) => e.code);
      // Headers and Request of node-fetch, then the default fetcher
      const processed = await apollos.process({ kind: 'HEALTH_CHECK', request: { query: '{ a }' }, context: {} }).catch((e) => e.code);
      const plan = require('@apollo/query-planner').prettyFormatQueryPlan({ kind: 'QueryPlan' });
      const { ApolloServer } = require('@apollo/server');
      const server = new ApolloServer({ typeDefs: 'type Query { a: Int }', resolvers: { Query: { a: () => 1 } } });
      await server.start();
      const answer = await server.executeOperation({ query: '{ a }' });
      await server.stop();
      return { defaultFetch, processed, plan, a: answer.body.singleResult.data.a, loaded: ['make-fetch-happen', 'node-fetch', 'pretty-format', '@graphql-tools/schema'].filter(loaded) };`);
    expect(used).toEqual({
      defaultFetch: 'ECONNREFUSED',
      processed: 'ECONNREFUSED',
      plan: 'QueryPlan {}',
      a: 1,
      loaded: ['make-fetch-happen', 'node-fetch', 'pretty-format', '@graphql-tools/schema'],
    });
  });
});

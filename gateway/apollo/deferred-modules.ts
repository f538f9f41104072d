import Module from 'node:module';
import path from 'node:path';

/**
 * Packages that @apollo/gateway, its query planner and @apollo/server require as they load,
 * for what the gateway does not do: make-fetch-happen (RemoteGraphQLDataSource's default
 * fetcher; the alliance's calls go through `transport/send-json.ts`), usage-reporting
 * protobufs (traces for Apollo's usage reporting, which is off), Graphviz and pretty-format
 * (printing query graphs and plans), @graphql-tools/schema (schemas from typeDefs; the
 * gateway's is the supergraph's); or does only on some requests: node-fetch, with a URL
 * parser and its Unicode tables (Apollo's own data-source path, which ours overrides, and
 * the executor's trace requests). Loaded eagerly they are several MB of every gateway's memory, idle or not.
 * Each is required on its first use instead, by the module that asked for it, so that
 * nothing else changes. Imported by `start-gateway.ts` before anything loads those packages.
 */
interface Deferral {
  /** The requiring module, under node_modules. */
  parent: string;
  /** What the package's exports say of `__esModule`: TypeScript's import helpers read it as the module loads. */
  esModule: boolean;
  /**
   * Exported factories called as the requiring module loads or constructs (make-fetch-happen's
   * `defaults`): what they make is made on its first call.
   */
  factories?: string[];
  /** The exports' own enumerable keys, for a requiring module that copies them as it loads (TypeScript's `__importStar`). */
  keys?: string[];
}

export const DEFERRED_MODULES: Record<string, Deferral[]> = {
  'make-fetch-happen': [
    { parent: '@apollo/gateway/dist/datasources/RemoteGraphQLDataSource.js', esModule: false, factories: ['defaults'] },
    // Apollo's managed-federation source, never constructed here: its import copies the keys
    { parent: '@apollo/gateway/dist/supergraphManagers/UplinkSupergraphManager/index.js', esModule: false, keys: ['defaults', 'FetchError', 'Headers', 'Request', 'Response'] },
  ],
  // its Headers and Request are used by Apollo's own data source and for traces: the hospitals' data source uses neither
  'node-fetch': [
    { parent: '@apollo/gateway/dist/executeQueryPlan.js', esModule: true },
    { parent: '@apollo/gateway/dist/datasources/RemoteGraphQLDataSource.js', esModule: true },
    { parent: '@apollo/gateway/dist/supergraphManagers/IntrospectAndCompose/loadServicesFromRemoteEndpoint.js', esModule: true },
  ],
  '@apollo/usage-reporting-protobuf': [{ parent: '@apollo/gateway/dist/executeQueryPlan.js', esModule: false }],
  'ts-graphviz': [{ parent: '@apollo/query-graphs/dist/graphviz.js', esModule: false }],
  'pretty-format': [
    { parent: '@apollo/query-planner/dist/QueryPlan.js', esModule: true },
    { parent: '@apollo/query-planner/dist/prettyFormatQueryPlan.js', esModule: true },
  ],
  '@graphql-tools/schema': [{ parent: '@apollo/server/dist/cjs/ApolloServer.js', esModule: false }],
};

type Exports = Record<string | symbol, unknown>;
type ModuleLike = { filename?: string };
type Load = (request: string, parent: ModuleLike | undefined, isMain: boolean) => unknown;

function deferralFor(request: string, parent: ModuleLike | undefined): Deferral | undefined {
  const list = DEFERRED_MODULES[request];
  const filename = parent?.filename;
  if (!list || !filename) return undefined;
  return list.find((d) => filename.endsWith(path.join('node_modules', ...d.parent.split('/'))));
}

/** Stands for the module's exports until a property is first read; then it is the module. */
function deferredExports(loadNow: () => Exports, deferral: Deferral): Exports {
  let loaded: Exports | undefined;
  const real = () => (loaded ??= loadNow());
  const factories = new Set(deferral.factories ?? []);
  return new Proxy(
    {},
    {
      get(_target, key) {
        if (loaded) return loaded[key];
        if (key === '__esModule') return deferral.esModule || undefined;
        if (typeof key === 'string' && factories.has(key)) {
          return (...args: unknown[]) => {
            let made: ((...inner: unknown[]) => unknown) | undefined;
            return (...inner: unknown[]) => (made ??= (real()[key] as (...a: unknown[]) => (...i: unknown[]) => unknown)(...args))(...inner);
          };
        }
        return real()[key];
      },
      has: (_target, key) => key in real(),
      ownKeys: () => (loaded || !deferral.keys ? Reflect.ownKeys(real()) : [...deferral.keys]),
      getOwnPropertyDescriptor(_target, key) {
        if (!loaded && typeof key === 'string' && deferral.keys?.includes(key)) return { configurable: true, enumerable: true, get: () => real()[key] };
        const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
        // a proxy may not report a property its (empty) target lacks as non-configurable
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}

const loader = Module as unknown as { _load: Load };
const load = loader._load;
loader._load = function loadOnFirstUse(this: unknown, request, parent, isMain) {
  const deferral = deferralFor(request, parent);
  if (!deferral) return load.call(this, request, parent, isMain);
  return deferredExports(() => load.call(this, request, parent, false) as Exports, deferral);
};

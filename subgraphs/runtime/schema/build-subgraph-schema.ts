import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions, type ResolversMap } from 'type-graphql';
import { directFieldResolvers, plainFieldResolvers, type DirectResolvers, type PlainFieldPass } from './plain-fields';

/** Federation directives every subgraph of ours may use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@external", "@requires", "@shareable", "@provides", "@cost", "@listSize"])';

/**
 * `__resolveReference` per entity type. Federation calls it with the entity's
 * representation and the request's context; each resolver names the representation it
 * reads (`{ id: string }`), so the method form lets that narrower parameter stand.
 */
export type ReferenceResolvers<TContext> = Record<string, { __resolveReference(reference: object, context: TContext): unknown }>;

function mergeResolvers<TContext>(base: ResolversMap, extra: ReferenceResolvers<TContext>): Record<string, object> {
  const out: Record<string, object> = { ...base };
  for (const [typeName, fields] of Object.entries(extra)) out[typeName] = { ...(out[typeName] ?? {}), ...fields };
  return out;
}

/**
 * The one builder for every subgraph: type-graphql classes → SDL with directives →
 * `buildSubgraphSchema` with type-graphql's resolvers and the `__resolveReference`
 * functions merged in. type-graphql keeps global metadata, so call it once per process
 * (or once per isolated jest module registry). `plainFieldPass`: where the global
 * middleware would only call `next()`, a plain field skips it, and a field of `direct`
 * runs its plain function (`plain-fields.ts`).
 */
export async function buildFederatedSchema<TContext>(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers<TContext> = {},
  plainFieldPass?: PlainFieldPass<TContext>,
  direct: DirectResolvers<TContext> = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true, validate: false });
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`);
  const typeGraphqlResolvers = createResolversMap(schema);
  const fast = plainFieldPass ? directFieldResolvers(schema, plainFieldResolvers(schema, typeGraphqlResolvers, plainFieldPass), direct, plainFieldPass) : typeGraphqlResolvers;
  const resolvers = mergeResolvers(fast, referenceResolvers);
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}

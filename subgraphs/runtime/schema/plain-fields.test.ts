import 'reflect-metadata';
import { graphql, type GraphQLSchema } from 'graphql';
import { Field, FieldResolver, ObjectType, Query, Resolver, Root, type MiddlewareFn } from 'type-graphql';
import { ForbiddenError } from '../../../common/errors';
import { buildFederatedSchema } from './build-subgraph-schema';

interface TestContext {
  allowed: boolean;
  seen: string[];
}

@ObjectType()
class Chart {
  @Field()
  name: string;

  @Field({ name: 'ward' })
  wardName: string;

  @Field()
  label: string;
}

@Resolver(() => Chart)
class ChartResolver {
  @Query(() => Chart)
  chart(): Partial<Chart> {
    return { name: 'Li', wardName: '3B' };
  }

  @FieldResolver(() => String)
  label(@Root() chart: Chart): string {
    return `${chart.name} (${chart.wardName})`;
  }
}

/** Sees every field it runs on; refuses a chart's fields to a caller who is not allowed. */
const guard: MiddlewareFn<TestContext> = async ({ context, info }, next) => {
  context.seen.push(`${info.parentType.name}.${info.fieldName}`);
  if (info.parentType.name === 'Chart' && !context.allowed) throw new ForbiddenError('not for you');
  return next();
};

/** Asks `source` as a caller the access rule passes or not; returns the answer and the fields the middleware saw. */
function ask(schema: GraphQLSchema, source: string, allowed: boolean) {
  const contextValue: TestContext = { allowed, seen: [] };
  return graphql({ schema, source, contextValue }).then((result) => ({ result, seen: contextValue.seen }));
}

describe('plain fields skip the global middleware only where it would pass', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildFederatedSchema<TestContext>({ resolvers: [ChartResolver], globalMiddlewares: [guard] }, {}, (typeName) =>
      typeName === 'Chart' ? (context) => context.allowed : undefined,
    );
  });

  const run = (allowed: boolean) => ask(schema, '{ chart { name ward label } }', allowed);

  it('reads a plain field (renamed ones by their property) without the middleware when the caller passes', async () => {
    const { result, seen } = await run(true);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ chart: { name: 'Li', ward: '3B', label: 'Li (3B)' } });
    // the root field and the resolver method still go through it
    expect(seen.sort()).toEqual(['Chart.label', 'Query.chart']);
  });

  it('runs the middleware, and its refusal, on every field when the caller does not pass', async () => {
    const { result, seen } = await run(false);
    // the chart is non-null: its refused field nulls the whole answer
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.originalError).toBeInstanceOf(ForbiddenError);
    expect(result.errors?.[0]?.path?.[0]).toBe('chart');
    expect(seen).toEqual(expect.arrayContaining(['Query.chart', 'Chart.name']));
  });
});

describe('a direct field answers without the middleware only where it would pass', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildFederatedSchema<TestContext>(
      { resolvers: [ChartResolver], globalMiddlewares: [guard] },
      {},
      (typeName) => (typeName === 'Chart' ? (context) => context.allowed : undefined),
      { Chart: { label: (chart: { name: string }) => `direct ${chart.name}` } },
    );
  });

  const run = (allowed: boolean) => ask(schema, '{ chart { label } }', allowed);

  it('answers from the plain function, unseen by the middleware, when the caller passes', async () => {
    const { result, seen } = await run(true);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ chart: { label: 'direct Li' } });
    expect(seen).toEqual(['Query.chart']);
  });

  it("runs type-graphql's resolver, middleware and refusal included, when the caller does not pass", async () => {
    const { result, seen } = await run(false);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.originalError).toBeInstanceOf(ForbiddenError);
    expect(seen).toEqual(['Query.chart', 'Chart.label']);
  });

  it('refuses to build when a direct field has no resolver or no rule', async () => {
    await expect(
      buildFederatedSchema<TestContext>({ resolvers: [ChartResolver], globalMiddlewares: [guard] }, {}, () => undefined, { Chart: { label: () => 'x' } }),
    ).rejects.toThrow('has no access rule');
    await expect(
      buildFederatedSchema<TestContext>({ resolvers: [ChartResolver], globalMiddlewares: [guard] }, {}, () => () => true, { Chart: { nowhere: () => 'x' } }),
    ).rejects.toThrow('no resolver for Chart.nowhere');
  });
});

import { getNamedType, type GraphQLFieldResolver, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage, type ResolversMap } from 'type-graphql';

/**
 * Whether a request's context passes the subgraph's global middleware on one field
 * without the middleware doing anything but call `next()` (no audit note, no refusal).
 * Undefined: the middleware always runs on that field.
 */
export type PlainFieldPass<TContext> = (typeName: string, fieldName: string, returnType: GraphQLNamedType) => ((context: TContext) => boolean) | undefined;

/**
 * Fields type-graphql resolves by reading one property of the parent (no resolver method,
 * no middleware or roles of their own), by schema type name and field name, with the
 * property read. A name several classes share (the alliance's and a member's `LabResult`
 * in one test process) counts only where every class agrees.
 */
function plainFieldProperties(): Map<string, Map<string, string>> {
  const storage = getMetadataStorage();
  const withResolver = new Map<unknown, Set<string>>();
  for (const r of storage.fieldResolvers) {
    const target = r.getObjectType?.();
    withResolver.set(target, (withResolver.get(target) ?? new Set()).add(r.methodName));
  }
  const out = new Map<string, Map<string, string>>();
  const refused = new Set<string>();
  for (const type of storage.objectTypes) {
    const interfaceFields = storage.interfaceTypes.filter((i) => type.interfaceClasses?.includes(i.target)).flatMap((i) => i.fields ?? []);
    for (const field of [...interfaceFields, ...(type.fields ?? [])]) {
      const key = `${type.name}.${field.schemaName}`;
      const plain =
        !withResolver.get(field.target)?.has(field.name) && !withResolver.get(undefined)?.has(field.name) && !field.middlewares?.length && !field.roles && !field.params?.length;
      const fields = out.get(type.name) ?? new Map<string, string>();
      const known = fields.get(field.schemaName);
      if (!plain || (known !== undefined && known !== field.name)) refused.add(key);
      fields.set(field.schemaName, field.name);
      out.set(type.name, fields);
    }
  }
  for (const key of refused) {
    const [typeName, fieldName] = key.split('.');
    out.get(typeName)?.delete(fieldName);
  }
  return out;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * type-graphql runs the global middleware on every field, scalar ones included, through a
 * chain of promises per field: on a chart with its results that chain was a large part of
 * a member's CPU per request. Where `pass` says the middleware would only call `next()`
 * for this caller, the field reads its property at once; otherwise (a refusal, an audit
 * note, a field the table does not cover) type-graphql's resolver runs as before.
 */
export function plainFieldResolvers<TContext>(schema: GraphQLSchema, resolvers: ResolversMap, pass: PlainFieldPass<TContext>): ResolversMap {
  const plain = plainFieldProperties();
  const out: ResolversMap = { ...resolvers };
  for (const [typeName, fields] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    const properties = plain.get(typeName);
    if (ROOT_TYPES.has(typeName) || !properties || !type || !('getFields' in type)) continue;
    const schemaFields = type.getFields();
    const copy: Record<string, unknown> = { ...(fields as Record<string, unknown>) };
    for (const [fieldName, resolve] of Object.entries(copy)) {
      const property = properties.get(fieldName);
      const field = schemaFields[fieldName];
      if (property === undefined || !field || typeof resolve !== 'function') continue;
      const mayPass = pass(typeName, fieldName, getNamedType(field.type));
      if (!mayPass) continue;
      const original = resolve as GraphQLFieldResolver<Record<string, unknown>, TContext>;
      copy[fieldName] = ((root, args, context, info) => (mayPass(context) ? root[property] : original(root, args, context, info))) as GraphQLFieldResolver<
        Record<string, unknown>,
        TContext
      >;
    }
    out[typeName] = copy as ResolversMap[string];
  }
  return out;
}

/** Plain functions for fields with a resolver method, by type and field name (graphql-js arguments: root, args, context). */
export type DirectResolvers<TContext> = Record<string, Record<string, (root: never, args: never, context: TContext) => unknown>>;

/**
 * A field asked once per entity of a large batch (a chart's results) pays type-graphql's
 * promise chain of middleware and parameter handling each time. Where `pass` says the
 * global middleware would only call `next()` for this caller, the field's plain function
 * answers instead (the same code the resolver method calls); otherwise type-graphql's
 * resolver runs, refusal and audit note included.
 */
export function directFieldResolvers<TContext>(schema: GraphQLSchema, resolvers: ResolversMap, direct: DirectResolvers<TContext>, pass: PlainFieldPass<TContext>): ResolversMap {
  const out: ResolversMap = { ...resolvers };
  for (const [typeName, fields] of Object.entries(direct)) {
    const type = schema.getType(typeName);
    const schemaFields = type && 'getFields' in type ? type.getFields() : undefined;
    const copy: Record<string, unknown> = { ...((out[typeName] ?? {}) as Record<string, unknown>) };
    for (const [fieldName, answer] of Object.entries(fields)) {
      const field = schemaFields?.[fieldName];
      const original = copy[fieldName];
      if (!field || typeof original !== 'function') throw new Error(`no resolver for ${typeName}.${fieldName} to answer directly`);
      const mayPass = pass(typeName, fieldName, getNamedType(field.type));
      if (!mayPass) throw new Error(`${typeName}.${fieldName} has no access rule to answer it directly`);
      const resolve = original as GraphQLFieldResolver<never, TContext, never>;
      const fieldResolver: GraphQLFieldResolver<never, TContext, never> = (root, args, context, info) =>
        mayPass(context) ? answer(root, args, context) : resolve(root, args, context, info);
      copy[fieldName] = fieldResolver;
    }
    out[typeName] = copy as ResolversMap[string];
  }
  return out;
}

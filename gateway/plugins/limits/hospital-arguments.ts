import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  GraphQLError,
  isInputObjectType,
  isListType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { MemberUnknownError } from '../../../common/errors';
import type { MemberDirectory } from '../../registry/member';

/**
 * Names of arguments and input fields that name a hospital a write or a verdict is about
 * (`toHospitalId`, `atHospitalId`, `requestingHospitalId` …). A plain `hospitalId` is
 * where a mutation is routed (already MEMBER_UNKNOWN there) or the issuer of a referenced
 * result (the subgraph's integrity check decides on those), so it is not one of them.
 */
const NAMES_A_HOSPITAL = /^[a-z]+HospitalId$/;

/** Every value of a hospital-naming argument or input field inside one coerced value. */
function collect(value: unknown, type: GraphQLInputType, name: string, into: Set<string>): void {
  if (value === null || value === undefined) return;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    for (const item of Array.isArray(value) ? value : [value]) collect(item, nullable.ofType, name, into);
    return;
  }
  if (isInputObjectType(nullable) && typeof value === 'object') {
    for (const field of Object.values(nullable.getFields())) collect((value as Record<string, unknown>)[field.name], field.type, field.name, into);
    return;
  }
  if (NAMES_A_HOSPITAL.test(name) && getNamedType(type).name === 'ID' && typeof value === 'string') into.add(value);
}

/**
 * DESIGN 5: an argument or input naming a hospital that is not an ACTIVE member is
 * MEMBER_UNKNOWN, never a computed answer or a write. The gateway checks what it can
 * before anything runs: every `…HospitalId` of a mutation's arguments and inputs, and
 * `recognition(atHospitalId:)` anywhere (a typo there would change a result's clinical
 * meaning). One error lists them all; nothing is called.
 */
export function checkHospitalArguments(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, directory: MemberDirectory): GraphQLError | undefined {
  const named = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  const mutation = schema.getMutationType();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const definition = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!definition || definition.args.length === 0) return;
        const isWrite = mutation !== null && mutation !== undefined && parent === mutation;
        if (!isWrite && node.name.value !== 'recognition') return;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(definition, node, variables);
        } catch {
          return; // invalid arguments: validation answers those
        }
        for (const argument of definition.args) collect(values[argument.name], argument.type, argument.name, named);
      },
    }),
  );
  const unknown = [...named].filter((id) => !directory.find(id)).sort();
  if (unknown.length === 0) return undefined;
  const error = new MemberUnknownError(unknown);
  return new GraphQLError(error.message, { originalError: error, extensions: { code: error.code, http: { status: 400 } } });
}

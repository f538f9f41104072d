import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  parse,
  print,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type ASTNode,
} from 'graphql';

/** Machinery types every federated subgraph has; not part of our contract. */
function isFederationMachinery(name: string): boolean {
  return name.startsWith('__') || ['_Service', '_Entity', '_Any', '_FieldSet', 'FieldSet'].includes(name) || /^(link|federation|join)__/.test(name);
}
const MACHINERY_FIELDS = new Set(['_service', '_entities']);

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'an object type';
  if (isInterfaceType(type)) return 'an interface';
  if (isUnionType(type)) return 'a union';
  if (isEnumType(type)) return 'an enum';
  if (isInputObjectType(type)) return 'an input type';
  return 'a scalar';
}

/** Output positions: the member may be stricter (non-null where the contract allows null). */
function outputCompatible(contract: GraphQLType, member: GraphQLType): boolean {
  if (isNonNullType(contract)) return isNonNullType(member) && outputCompatible(contract.ofType, member.ofType);
  if (isNonNullType(member)) return outputCompatible(contract, member.ofType);
  if (isListType(contract)) return isListType(member) && outputCompatible(contract.ofType, member.ofType);
  return !isListType(member) && contract.name === (member as GraphQLNamedType).name;
}

/** Input positions: the member may be more lenient (accept null where the contract requires a value). */
function inputCompatible(contract: GraphQLType, member: GraphQLType): boolean {
  if (isNonNullType(member)) return isNonNullType(contract) && inputCompatible(contract.ofType, member.ofType);
  if (isNonNullType(contract)) return inputCompatible(contract.ofType, member);
  if (isListType(contract)) return isListType(member) && inputCompatible(contract.ofType, member.ofType);
  return !isListType(member) && contract.name === (member as GraphQLNamedType).name;
}

function keysOf(type: GraphQLNamedType): Set<string> {
  const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])].filter(Boolean) as (ASTNode & { directives?: readonly any[] })[];
  const keys = new Set<string>();
  for (const node of nodes) {
    for (const directive of node.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((a: any) => a.name.value === 'fields');
      if (fields) keys.add(print(fields.value).replace(/^"|"$/g, '').trim().replace(/\s+/g, ' '));
    }
  }
  return keys;
}

function checkArguments(where: string, contractArgs: readonly GraphQLArgument[], memberArgs: readonly GraphQLArgument[], problems: string[]): void {
  const byName = new Map(memberArgs.map((a) => [a.name, a]));
  for (const arg of contractArgs) {
    const found = byName.get(arg.name);
    if (!found) problems.push(`${where} lacks argument ${arg.name}: ${String(arg.type)}.`);
    else if (!inputCompatible(arg.type, found.type)) problems.push(`${where}(${arg.name}:) has type ${String(found.type)}; the contract needs ${String(arg.type)}.`);
  }
  const known = new Set(contractArgs.map((a) => a.name));
  for (const arg of memberArgs) {
    if (!known.has(arg.name) && isNonNullType(arg.type) && arg.defaultValue === undefined) problems.push(`${where}(${arg.name}:) is required here but not in the contract.`);
  }
}

function checkInputFields(name: string, contract: Record<string, GraphQLInputField>, member: Record<string, GraphQLInputField>, problems: string[]): void {
  for (const field of Object.values(contract)) {
    const found = member[field.name];
    if (!found) problems.push(`input ${name} lacks field ${field.name}: ${String(field.type)}.`);
    else if (!inputCompatible(field.type, found.type)) problems.push(`input ${name}.${field.name} has type ${String(found.type)}; the contract needs ${String(field.type)}.`);
  }
  for (const field of Object.values(member)) {
    if (!contract[field.name] && isNonNullType(field.type) && field.defaultValue === undefined) problems.push(`input ${name}.${field.name} is required here but not in the contract.`);
  }
}

function checkType(contractType: GraphQLNamedType, member: GraphQLSchema, problems: string[]): void {
  const name = contractType.name;
  const memberType = member.getType(name);
  if (!memberType) {
    problems.push(`type ${name} (${kindOf(contractType)}) is missing.`);
    return;
  }
  if (kindOf(memberType) !== kindOf(contractType)) {
    problems.push(`${name} is ${kindOf(memberType)} here; the contract has ${kindOf(contractType)}.`);
    return;
  }
  if ((isObjectType(contractType) || isInterfaceType(contractType)) && (isObjectType(memberType) || isInterfaceType(memberType))) {
    const memberFields = memberType.getFields();
    for (const field of Object.values(contractType.getFields())) {
      if (MACHINERY_FIELDS.has(field.name)) continue;
      const found = memberFields[field.name];
      if (!found) {
        problems.push(`${name}.${field.name}: ${String(field.type)} is missing.`);
        continue;
      }
      if (!outputCompatible(field.type, found.type)) problems.push(`${name}.${field.name} has type ${String(found.type)}; the contract needs ${String(field.type)}.`);
      checkArguments(`${name}.${field.name}`, field.args, found.args, problems);
    }
    const memberKeys = keysOf(memberType);
    for (const key of keysOf(contractType)) if (!memberKeys.has(key)) problems.push(`${name} lacks @key(fields: "${key}").`);
  } else if (isEnumType(contractType) && isEnumType(memberType)) {
    const values = new Set(memberType.getValues().map((v) => v.name));
    for (const value of contractType.getValues()) if (!values.has(value.name)) problems.push(`enum ${name} lacks value ${value.name}.`);
  } else if (isInputObjectType(contractType) && isInputObjectType(memberType)) {
    checkInputFields(name, contractType.getFields(), memberType.getFields(), problems);
  } else if (isUnionType(contractType) && isUnionType(memberType)) {
    const types = new Set(memberType.getTypes().map((t) => t.name));
    for (const t of contractType.getTypes()) if (!types.has(t.name)) problems.push(`union ${name} lacks member ${t.name}.`);
  } else if (isScalarType(contractType)) {
    // a scalar only has to exist under the same name
  }
}

export function buildSdlSchema(sdl: string): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(sdl) });
}

/**
 * Whether a member's subgraph SDL serves the hospital contract: every type, field,
 * argument, enum value, input field and entity key of the contract must exist with a
 * compatible type. Returns one plain sentence per incompatibility; empty = compatible.
 */
export function checkContract(contract: GraphQLSchema, memberSdl: string): string[] {
  let member: GraphQLSchema;
  try {
    member = buildSdlSchema(memberSdl);
  } catch (error) {
    return [`the subgraph SDL is not valid: ${(error as Error).message.split('\n')[0]}`];
  }
  const problems: string[] = [];
  for (const type of Object.values(contract.getTypeMap())) {
    if (isFederationMachinery(type.name)) continue;
    checkType(type, member, problems);
  }
  return problems;
}

import { buildSubgraphSchema } from '@apollo/subgraph';
import { BASE_CONTRACT_VERSION } from './contract-directives';
import { compareVersions, type ContractFacts } from './contract-facts';
import { ContractVersions } from './contract-versions';
import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
  parse,
  print,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type ASTNode,
  type ConstDirectiveNode,
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
  const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])].filter(Boolean) as (ASTNode & { directives?: readonly ConstDirectiveNode[] })[];
  const keys = new Set<string>();
  for (const node of nodes) {
    for (const directive of node.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((a) => a.name.value === 'fields');
      if (fields) keys.add(print(fields.value).replace(/^"|"$/g, '').trim().replace(/\s+/g, ' '));
    }
  }
  return keys;
}

/**
 * Collects what a comparison finds. A problem tagged with a later contract version
 * (`@since`) is a field the member does not serve yet: it is served at an older version.
 * Untagged problems refuse the member.
 */
class Findings {
  readonly breaking: string[] = [];
  readonly later: LaterField[] = [];
  readonly additions: string[] = [];

  problem(text: string): void {
    this.breaking.push(text);
  }

  missing(text: string, coordinate: string, version: string): void {
    if (compareVersions(version, BASE_CONTRACT_VERSION) > 0) this.later.push({ coordinate, version, problem: text });
    else this.breaking.push(text);
  }
}

function checkArguments(where: string, contractArgs: readonly GraphQLArgument[], memberArgs: readonly GraphQLArgument[], found: Findings): void {
  const byName = new Map(memberArgs.map((a) => [a.name, a]));
  for (const arg of contractArgs) {
    const memberArg = byName.get(arg.name);
    if (!memberArg) found.problem(`${where} lacks argument ${arg.name}: ${String(arg.type)}.`);
    else if (!inputCompatible(arg.type, memberArg.type)) found.problem(`${where}(${arg.name}:) has type ${String(memberArg.type)}; the contract needs ${String(arg.type)}.`);
  }
  const known = new Set(contractArgs.map((a) => a.name));
  for (const arg of memberArgs) {
    if (!known.has(arg.name) && isNonNullType(arg.type) && arg.defaultValue === undefined) found.problem(`${where}(${arg.name}:) is required here but not in the contract.`);
  }
}

function checkInputFields(name: string, contract: Record<string, GraphQLInputField>, member: Record<string, GraphQLInputField>, found: Findings): void {
  for (const field of Object.values(contract)) {
    const memberField = member[field.name];
    if (!memberField) found.problem(`input ${name} lacks field ${field.name}: ${String(field.type)}.`);
    else if (!inputCompatible(field.type, memberField.type))
      found.problem(`input ${name}.${field.name} has type ${String(memberField.type)}; the contract needs ${String(field.type)}.`);
  }
  for (const field of Object.values(member)) {
    if (!contract[field.name] && isNonNullType(field.type) && field.defaultValue === undefined)
      found.problem(`input ${name}.${field.name} is required here but not in the contract.`);
  }
}

function checkType(contractType: GraphQLNamedType, member: GraphQLSchema, versions: ContractVersions, found: Findings): void {
  const name = contractType.name;
  // built-in scalars exist in every schema, even where no field uses them
  if (isSpecifiedScalarType(contractType)) return;
  const memberType = member.getType(name);
  if (!memberType) {
    found.missing(`type ${name} (${kindOf(contractType)}) is missing.`, name, versions.ofType(name));
    return;
  }
  if (kindOf(memberType) !== kindOf(contractType)) {
    found.problem(`${name} is ${kindOf(memberType)} here; the contract has ${kindOf(contractType)}.`);
    return;
  }
  if ((isObjectType(contractType) || isInterfaceType(contractType)) && (isObjectType(memberType) || isInterfaceType(memberType))) {
    const memberFields = memberType.getFields();
    for (const field of Object.values(contractType.getFields())) {
      if (MACHINERY_FIELDS.has(field.name)) continue;
      const memberField = memberFields[field.name];
      if (!memberField) {
        found.missing(`${name}.${field.name}: ${String(field.type)} is missing.`, `${name}.${field.name}`, versions.ofField(name, field.name));
        continue;
      }
      if (!outputCompatible(field.type, memberField.type)) found.problem(`${name}.${field.name} has type ${String(memberField.type)}; the contract needs ${String(field.type)}.`);
      checkArguments(`${name}.${field.name}`, field.args, memberField.args, found);
    }
    const contractFields = contractType.getFields();
    for (const field of Object.keys(memberFields)) if (!contractFields[field] && !MACHINERY_FIELDS.has(field)) found.additions.push(`${name}.${field}`);
    const memberKeys = keysOf(memberType);
    for (const key of keysOf(contractType)) if (!memberKeys.has(key)) found.problem(`${name} lacks @key(fields: "${key}").`);
  } else if (isEnumType(contractType) && isEnumType(memberType)) {
    const values = new Set(memberType.getValues().map((v) => v.name));
    for (const value of contractType.getValues()) if (!values.has(value.name)) found.problem(`enum ${name} lacks value ${value.name}.`);
  } else if (isInputObjectType(contractType) && isInputObjectType(memberType)) {
    checkInputFields(name, contractType.getFields(), memberType.getFields(), found);
  } else if (isUnionType(contractType) && isUnionType(memberType)) {
    const types = new Set(memberType.getTypes().map((t) => t.name));
    for (const t of contractType.getTypes()) if (!types.has(t.name)) found.problem(`union ${name} lacks member ${t.name}.`);
  } else if (isScalarType(contractType)) {
    // a scalar only has to exist under the same name
  }
}

export function buildSdlSchema(sdl: string): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(sdl) });
}

/** A field of a later contract version that the member lacks. */
export interface LaterField {
  /** `Type.field`, or a type name when a whole type is missing. */
  coordinate: string;
  /** The contract version that added it. */
  version: string;
  problem: string;
}

/** What a member's SDL serves of the contract (DESIGN 4, contract versions). */
export interface ContractReport {
  /** Incompatibilities that refuse the member: anything missing or changed that is not a later field. */
  breaking: string[];
  /** Later fields (`@since`) it lacks: it is served at an older version, without them. */
  missingLater: LaterField[];
  /** What it serves beyond the contract (ignored by the gateway). */
  additions: string[];
  /** The highest contract version it fully serves; undefined when `breaking` is not empty. */
  version?: string;
  /** The contract's current version. */
  currentVersion: string;
  /** `Type.field` coordinates it lacks: never asked of it. */
  lacks: ReadonlySet<string>;
}

/**
 * Compares a member's subgraph SDL with the hospital contract: every type, field,
 * argument, enum value, input field and entity key must exist with a compatible type;
 * fields added by a later version (`@since`), and types only they reach, may be missing,
 * and then the member is served at the highest version it fully serves.
 */
export function checkContractVersions(contract: GraphQLSchema, memberSdl: string, facts?: ContractFacts): ContractReport {
  const versions = new ContractVersions(contract, facts);
  const currentVersion = versions.current;
  let member: GraphQLSchema;
  try {
    member = buildSdlSchema(memberSdl);
  } catch (error) {
    return { breaking: [`the subgraph SDL is not valid: ${(error as Error).message.split('\n')[0]}`], missingLater: [], additions: [], currentVersion, lacks: new Set() };
  }
  const found = new Findings();
  for (const type of Object.values(contract.getTypeMap())) {
    if (isFederationMachinery(type.name)) continue;
    checkType(type, member, versions, found);
  }
  for (const type of Object.values(member.getTypeMap())) {
    if (!isFederationMachinery(type.name) && !contract.getType(type.name)) found.additions.push(`type ${type.name}`);
  }
  const lacks = new Set(found.later.map((l) => l.coordinate));
  const report = { breaking: found.breaking, missingLater: found.later, additions: found.additions, currentVersion, lacks };
  return found.breaking.length > 0 ? report : { ...report, version: versions.servedWithout(found.later.map((l) => l.version)) };
}

/**
 * Whether a member's SDL serves the whole current contract. Returns one plain sentence
 * per incompatibility, later fields included; empty = compatible.
 */
export function checkContract(contract: GraphQLSchema, memberSdl: string, facts?: ContractFacts): string[] {
  const report = checkContractVersions(contract, memberSdl, facts);
  return [...report.breaking, ...report.missingLater.map((l) => l.problem)];
}

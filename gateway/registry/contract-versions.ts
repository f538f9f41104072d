import { getNamedType, isAbstractType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { BASE_CONTRACT_VERSION } from '../../common/contract/contract-directives';
import { compareVersions, type ContractFacts } from '../../common/contract/contract-facts';

function isEntity(type: GraphQLNamedType): boolean {
  return [type.astNode, ...(type.extensionASTNodes ?? [])].some((node) => node && 'directives' in node && node.directives?.some((d) => d.name.value === 'key'));
}

/**
 * The version of the contract each type and field belongs to. A field is as new as its
 * `@since` (else the first version); a type is as new as the first version in which it
 * can be reached from the root and entity types, so that an input or result type used
 * only by a later field (e.g. `RegisterPatientInput`) is itself a later addition.
 */
export class ContractVersions {
  readonly current: string;
  private readonly sorted: string[];
  private readonly typeVersions = new Map<string, string>();

  constructor(
    private readonly contract: GraphQLSchema,
    private readonly facts?: ContractFacts,
  ) {
    this.sorted = facts?.versions() ?? [BASE_CONTRACT_VERSION];
    this.current = this.sorted.at(-1)!;
    for (const version of this.sorted) {
      for (const name of this.reachable(version)) if (!this.typeVersions.has(name)) this.typeVersions.set(name, version);
    }
  }

  ofType(name: string): string {
    return this.typeVersions.get(name) ?? BASE_CONTRACT_VERSION;
  }

  ofField(type: string, field: string): string {
    const since = this.facts?.since(type, field) ?? BASE_CONTRACT_VERSION;
    const ofType = this.ofType(type);
    return compareVersions(since, ofType) >= 0 ? since : ofType;
  }

  /** The newest version served by a member that lacks things of these versions: the one before the oldest of them. */
  servedWithout(missing: readonly string[]): string {
    if (missing.length === 0) return this.current;
    const oldest = [...missing].sort(compareVersions)[0];
    const index = this.sorted.indexOf(oldest);
    return index > 0 ? this.sorted[index - 1] : BASE_CONTRACT_VERSION;
  }

  /** Type names reachable using only fields of `version` or older. */
  private reachable(version: string): Set<string> {
    const seen = new Set<string>();
    const queue: GraphQLNamedType[] = Object.values(this.contract.getTypeMap()).filter(
      (t) => t === this.contract.getQueryType() || t === this.contract.getMutationType() || isEntity(t),
    );
    const visit = (type: GraphQLNamedType) => {
      if (!seen.has(type.name)) queue.push(type);
    };
    while (queue.length > 0) {
      const type = queue.pop()!;
      if (seen.has(type.name)) continue;
      seen.add(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (compareVersions(this.facts?.since(type.name, field.name) ?? BASE_CONTRACT_VERSION, version) > 0) continue;
          visit(getNamedType(field.type));
          for (const arg of field.args) visit(getNamedType(arg.type));
        }
      }
      if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) visit(getNamedType(field.type));
      if (isAbstractType(type)) for (const possible of this.contract.getPossibleTypes(type)) visit(possible);
    }
    return seen;
  }
}

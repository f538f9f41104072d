import { Kind, parse, valueFromASTUntyped, type ConstDirectiveNode, type FieldDefinitionNode, type InputValueDefinitionNode } from 'graphql';
import { BASE_CONTRACT_VERSION, HOSPITAL_FROM, LIST_ORDER, SINCE } from './contract-directives';

/** One key of a merge order: a field of the list's items, ascending unless `descending`. */
export interface SortKey {
  field: string;
  descending: boolean;
}

/** What the contract says about one list field. */
export interface ListFacts {
  /** Merge order across members (`@listOrder`); absent = by hospitalId. */
  order?: readonly SortKey[];
  /** Arguments that cut the list (`@listSize(slicingArguments:)`), with their SDL defaults. */
  slicing: readonly { argument: string; defaultValue?: number }[];
  /** Assumed length when no slicing argument applies (`@listSize(assumedSize:)`). */
  assumedSize?: number;
}

/**
 * The one reader of the contract's facts (DESIGN 4): what the gateway must know of a
 * field or type (merge order, `first` and its default, list sizes and weights for the
 * cost estimate, where the owning hospital is named, the version that added a field) is
 * read from directives in the SDL, never kept in a second table. Built from one or more
 * SDL texts (the hospital contract, the alliance SDL); coordinates are `Type.field`.
 */
export class ContractFacts {
  constructor(
    private readonly lists: ReadonlyMap<string, ListFacts>,
    private readonly weights: ReadonlyMap<string, number>,
    private readonly added: ReadonlyMap<string, string>,
    private readonly hospitalPaths: ReadonlyMap<string, readonly string[]>,
  ) {}

  /** The list facts of `Type.field`, when the contract declares any. */
  list(type: string, field: string): ListFacts | undefined {
    return this.lists.get(`${type}.${field}`);
  }

  /** Every argument name some list is sliced by (`first`, …). */
  slicingArguments(): Set<string> {
    return new Set([...this.lists.values()].flatMap((l) => l.slicing.map((s) => s.argument)));
  }

  /** `@cost(weight:)` of `Type.field`; undefined = the default weight. */
  weight(type: string, field: string): number | undefined {
    return this.weights.get(`${type}.${field}`);
  }

  /** The contract version that added `Type.field` (`@since`); undefined = the first version. */
  since(type: string, field: string): string | undefined {
    return this.added.get(`${type}.${field}`);
  }

  /** Every `Type.field` added after the first version, with its version. */
  laterFields(): ReadonlyMap<string, string> {
    return this.added;
  }

  /** Where the owning hospital is named: an entity type's key field, or a mutation's argument path. */
  hospitalPath(typeOrCoordinate: string): readonly string[] | undefined {
    return this.hospitalPaths.get(typeOrCoordinate);
  }

  /** Every version the contract names, oldest first (the first version included). */
  versions(): string[] {
    return [...new Set([BASE_CONTRACT_VERSION, ...this.added.values()])].sort(compareVersions);
  }

  /** The contract's current version: the newest `@since`, else the first version. */
  get version(): string {
    return this.versions().at(-1)!;
  }
}

/** Dotted version numbers compared part by part as numbers ("1.10" after "1.9"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function directive(node: { directives?: readonly ConstDirectiveNode[] }, name: string): ConstDirectiveNode | undefined {
  return node.directives?.find((d) => d.name.value === name);
}

function argumentOf(node: ConstDirectiveNode | undefined, name: string): unknown {
  const argument = node?.arguments?.find((a) => a.name.value === name);
  return argument ? valueFromASTUntyped(argument.value) : undefined;
}

function intDefault(argument: InputValueDefinitionNode | undefined): number | undefined {
  return argument?.defaultValue?.kind === Kind.INT ? Number(argument.defaultValue.value) : undefined;
}

function listFactsOf(field: FieldDefinitionNode): ListFacts | undefined {
  const order = argumentOf(directive(field, LIST_ORDER), 'by');
  const size = directive(field, 'listSize');
  if (!Array.isArray(order) && !size) return undefined;
  const slicingNames = argumentOf(size, 'slicingArguments');
  const assumedSize = argumentOf(size, 'assumedSize');
  return {
    ...(Array.isArray(order)
      ? {
          order: order.map((entry) => {
            const [name, direction] = String(entry).trim().split(/\s+/);
            return { field: name, descending: direction?.toUpperCase() === 'DESC' };
          }),
        }
      : {}),
    slicing: (Array.isArray(slicingNames) ? slicingNames.map(String) : []).map((argument) => {
      const defaultValue = intDefault(field.arguments?.find((a) => a.name.value === argument));
      return defaultValue === undefined ? { argument } : { argument, defaultValue };
    }),
    ...(typeof assumedSize === 'number' ? { assumedSize } : {}),
  };
}

/** Reads the facts of one or more SDL texts; later texts do not override earlier ones. */
export function readContractFacts(...sdls: string[]): ContractFacts {
  const lists = new Map<string, ListFacts>();
  const weights = new Map<string, number>();
  const added = new Map<string, string>();
  const hospitalPaths = new Map<string, readonly string[]>();
  const keep = <V>(map: Map<string, V>, key: string, value: V | undefined) => {
    if (value !== undefined && !map.has(key)) map.set(key, value);
  };
  for (const sdl of sdls) {
    for (const definition of parse(sdl).definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
      const type = definition.name.value;
      const typePath = argumentOf(directive(definition, HOSPITAL_FROM), 'path');
      keep(hospitalPaths, type, typeof typePath === 'string' ? typePath.split('.') : undefined);
      for (const field of definition.fields ?? []) {
        const coordinate = `${type}.${field.name.value}`;
        keep(lists, coordinate, listFactsOf(field));
        const weight = argumentOf(directive(field, 'cost'), 'weight');
        keep(weights, coordinate, typeof weight === 'number' ? weight : undefined);
        const version = argumentOf(directive(field, SINCE), 'version');
        keep(added, coordinate, typeof version === 'string' ? version : undefined);
        const path = argumentOf(directive(field, HOSPITAL_FROM), 'path');
        keep(hospitalPaths, coordinate, typeof path === 'string' ? path.split('.') : undefined);
      }
    }
  }
  return new ContractFacts(lists, weights, added, hospitalPaths);
}

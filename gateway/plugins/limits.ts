import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import {
  BREAK,
  getOperationAST,
  Kind,
  OperationTypeNode,
  validate,
  visit,
  type DocumentNode,
  type FieldNode,
  type GraphQLError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { ContractFacts } from '../../common/contract/contract-facts';
import type { GatewayContext } from '../gateway-context';
import { costRule } from './limits/cost-rule';
import { duplicateFieldsRule } from './limits/duplicate-fields-rule';
import { introspectionCycleRule } from './limits/introspection-cycle-rule';
import { checkHospitalArguments } from './limits/hospital-arguments';
import { checkHospitalIdsBound, fanOutStamp, fanOutWidth, hospitalIdsFields, type FanOut } from './limits/fan-out';
import { tooComplex, type LimitName } from './limits/too-complex';

/** OWASP GraphQL limits of one operation (docs/SECURITY.md says why each default). */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  /** Checked before parsing, at the HTTP layer (`http/graphql-gate.ts`). */
  maxTokens: number;
  maxCost: number;
  listMultiplier: number;
  maxDuplicateFields: number;
}

/** graphql-armor's reports carry its own code; ours is QUERY_TOO_COMPLEX with the limit named. */
function reportAs(limit: LimitName, max: number): GraphQLArmorRejectCallback {
  return (context, error) => context?.reportError(tooComplex(limit, max, error.message.replace(/^Syntax Error: /, '')));
}

/** Depth, aliases and directives from graphql-armor; everything else of it is off (ours, or Apollo's). */
function armorRules(limits: QueryLimits): ValidationRule[] {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, propagateOnRejection: false, onReject: [reportAs('depth', limits.maxDepth)] },
    // allowList: [] — graphql-armor's default lets any number of `__typename` aliases through (alias overloading)
    maxAliases: { n: limits.maxAliases, allowList: [], propagateOnRejection: false, onReject: [reportAs('aliases', limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [reportAs('directives', limits.maxDirectives)] },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules;
}

/** The rules on an operation's shape, the same for every request of one document. */
function shapeRules(limits: QueryLimits): ValidationRule[] {
  return [...armorRules(limits), duplicateFieldsRule(limits.maxDuplicateFields), introspectionCycleRule];
}

/** Whether any `first` (or other slicing) argument takes its value from a variable (then the cost depends on the request). */
export function firstFromVariables(document: DocumentNode, slicing: ReadonlySet<string> = new Set(['first'])): boolean {
  let found = false;
  visit(document, {
    Argument(node) {
      if ((node.name.value === 'first' || slicing.has(node.name.value)) && node.value.kind === Kind.VARIABLE) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** How a document can name hospitals: the fields fanned out by a `hospitalIds` argument; a mutation or a `recognition` field. */
function namesHospitals(document: DocumentNode, fanOut: FanOut | undefined): { idFields: readonly FieldNode[]; others: boolean } {
  let others = false;
  visit(document, {
    OperationDefinition(node) {
      if (node.operation === OperationTypeNode.MUTATION) others = true;
    },
    Field(node) {
      if (node.name.value === 'recognition') others = true;
    },
  });
  return { idFields: fanOut ? hospitalIdsFields(fanOut, document) : [], others };
}

/** The verdict of every limit for one operation: the first error, or undefined when within limits. */
export type CheckLimits = (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>) => GraphQLError | undefined;

/**
 * Depth, aliases, directives and duplicated fields depend on the document alone: Apollo
 * hands the same parsed document for the same query text, so their
 * verdict is kept per document and only the cost is counted per request when `first`
 * comes from a variable. With a fan-out, `hospitalIds` is bounded first and each
 * fanned-out root field costs once per member asked; a cached cost is reused only for the
 * same widths (the registry and `hospitalIds` change them).
 */
export function createLimitChecker(limits: QueryLimits, facts?: ContractFacts, fanOut?: FanOut): CheckLimits {
  const slicing = facts?.slicingArguments() ?? new Set(['first']);
  const rulesOfShape = shapeRules(limits);
  const costOptions = fanOut ? { ...limits, fanOutWidth: (field: Parameters<typeof fanOutWidth>[1], vars: Record<string, unknown>) => fanOutWidth(fanOut, field, vars) } : limits;
  type Verdict = { shape: GraphQLError | null; cost: GraphQLError | null | 'per-request'; stamp: string; namesHospitals: ReturnType<typeof namesHospitals> };
  const verdicts = new WeakMap<DocumentNode, Verdict>();
  return (schema, document, variables) => {
    const stamp = fanOut ? fanOutStamp(fanOut, getOperationAST(document) ?? undefined, variables) : '';
    let verdict = verdicts.get(document);
    if (!verdict || (verdict.cost !== 'per-request' && verdict.stamp !== stamp)) {
      const shape = verdict ? verdict.shape : (validate(schema, document, rulesOfShape, { maxErrors: 1 })[0] ?? null);
      // with `first` given only as literals (or defaults) the cost is the same for every request of the same widths
      const perRequest = firstFromVariables(document, slicing) || stamp === 'per-request';
      const cost = perRequest ? 'per-request' : (validate(schema, document, [costRule(costOptions, variables, facts)], { maxErrors: 1 })[0] ?? null);
      verdict = { shape, cost, stamp, namesHospitals: verdict?.namesHospitals ?? namesHospitals(document, fanOut) };
      verdicts.set(document, verdict);
    }
    if (verdict.shape) return verdict.shape;
    // the registry changes between requests, so these run every time; most documents name no hospital at all
    const bound =
      fanOut &&
      ((verdict.namesHospitals.idFields.length ? checkHospitalIdsBound(fanOut, verdict.namesHospitals.idFields, variables) : undefined) ??
        (verdict.namesHospitals.others ? checkHospitalArguments(schema, document, variables, fanOut.directory) : undefined));
    if (bound) return bound;
    const cost = verdict.cost === 'per-request' ? validate(schema, document, [costRule(costOptions, variables, facts)], { maxErrors: 1 })[0] : verdict.cost;
    return cost ?? undefined;
  };
}

/**
 * Refuses an operation over any limit with QUERY_TOO_COMPLEX (HTTP 400) before any
 * subgraph is called. Runs once the operation is resolved, because the cost needs the
 * variables (`first: $n`); parsing is bounded before that by the token limit.
 */
export function limitsPlugin(check: CheckLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const error = check(schema, document, request.variables ?? {});
          if (error) throw error;
        },
      };
    },
  };
}

import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { BREAK, Kind, validate, visit, type DocumentNode, type GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';
import type { ContractFacts } from '../../common/contract/contract-facts';
import type { GatewayContext } from '../gateway-context';
import { costRule } from './limits/cost-rule';
import { duplicateFieldsRule } from './limits/duplicate-fields-rule';
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
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [reportAs('aliases', limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [reportAs('directives', limits.maxDirectives)] },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return armor.protect().validationRules as ValidationRule[];
}

/**
 * Every limit of one operation as validation rules; the cost counts `first: $n` from the
 * variables and list sizes from the contract's `@listSize` / `@cost` (`facts`).
 */
export function limitsRules(limits: QueryLimits, variables: Record<string, unknown>, facts?: ContractFacts): ValidationRule[] {
  return [...armorRules(limits), duplicateFieldsRule(limits.maxDuplicateFields), costRule(limits, variables, facts)];
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

/** The verdict of every limit for one operation: the first error, or undefined when within limits. */
export type CheckLimits = (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>) => GraphQLError | undefined;

/**
 * Depth, aliases, directives and duplicated fields depend on the document alone: Apollo
 * (and the fast path) hand the same parsed document for the same query text, so their
 * verdict is kept per document and only the cost is counted per request when `first`
 * comes from a variable.
 */
export function createLimitChecker(limits: QueryLimits, facts?: ContractFacts): CheckLimits {
  const slicing = facts?.slicingArguments() ?? new Set(['first']);
  const shapeRules = [...armorRules(limits), duplicateFieldsRule(limits.maxDuplicateFields)];
  const verdicts = new WeakMap<DocumentNode, { shape: GraphQLError | null; cost: GraphQLError | null | 'per-request' }>();
  return (schema, document, variables) => {
    let verdict = verdicts.get(document);
    if (!verdict) {
      const shape = validate(schema, document, shapeRules, { maxErrors: 1 })[0] ?? null;
      // with `first` given only as literals (or defaults) the cost is the same for every request
      const cost = firstFromVariables(document, slicing) ? 'per-request' : (validate(schema, document, [costRule(limits, {}, facts)], { maxErrors: 1 })[0] ?? null);
      verdict = { shape, cost };
      verdicts.set(document, verdict);
    }
    if (verdict.shape) return verdict.shape;
    const cost = verdict.cost === 'per-request' ? validate(schema, document, [costRule(limits, variables, facts)], { maxErrors: 1 })[0] : verdict.cost;
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

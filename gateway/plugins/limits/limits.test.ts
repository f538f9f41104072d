import { Supergraph } from '@apollo/federation-internals';
import { getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { composeSupergraph } from '../../compose/compose-supergraph';
import { readSchemaFile } from '../../../common/contract/schema-files';
import { countTokens } from './count-tokens';
import { createLimitChecker } from '../limits';
import { staticDirectory } from '../../registry/member';
import { limitsOf, loadGatewayConfig } from '../../../common/config/gateway-settings';
import { CROSS_HOSPITAL_PATIENT_QUERY } from '../../../common/contract/cross-hospital-patient-query';
import { contractFactsOf } from '../../compose/contract-facts-of';
import { operationCost } from './cost-rule';
import { OBSERVATIONS_QUERY, PATIENT_QUERY, RESULTS_PER_CHART } from '../../fhir/graphql-shapes';

/** List sizes and weights from the checked-in contract and alliance SDL, as the gateway reads them. */
const facts = contractFactsOf();

/** The documented defaults. */
const DEFAULT_TEST_LIMITS = limitsOf(loadGatewayConfig({}));

/** The gateway's public schema: what callers validate against. */
const schema: GraphQLSchema = Supergraph.build(composeSupergraph({ alliance: readSchemaFile('alliance.graphql'), hospital: readSchemaFile('hospital.graphql') }).supergraphSdl)
  .apiSchema()
  .toGraphQLJSSchema();

/**
 * The refusal of the limits, through the same checker production uses (standard
 * validation must pass first, as in Apollo): none, or the first limit exceeded.
 */
function limitErrors(query: string, variables: Record<string, unknown> = {}, limits = DEFAULT_TEST_LIMITS) {
  const document = parse(query);
  expect(validate(schema, document, specifiedRules)).toEqual([]);
  const error = createLimitChecker(limits, facts)(schema, document, variables);
  return error ? [{ limit: (error.originalError as any)?.details?.limit, message: error.message }] : [];
}

const repeat = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(' ');

describe('query limits at the gateway', () => {
  it('accepts the query of DESIGN 3.3 and the introspection query GraphiQL sends', () => {
    expect(limitErrors(CROSS_HOSPITAL_PATIENT_QUERY, { mpiId: 'MPI-000001', here: 'dh-lead' })).toEqual([]);
    expect(limitErrors(getIntrospectionQuery())).toEqual([]);
    expect(countTokens(CROSS_HOSPITAL_PATIENT_QUERY, 10_000)).toBeLessThan(100);
    expect(countTokens(getIntrospectionQuery(), 10_000)).toBeLessThan(DEFAULT_TEST_LIMITS.maxTokens);
  });

  it("accepts the FHIR API's own queries, every element a result or chart kept from its source included", () => {
    expect(limitErrors(OBSERVATIONS_QUERY, { mpiId: 'MPI-000001', loinc: null, since: null, perChart: RESULTS_PER_CHART })).toEqual([]);
    expect(limitErrors(PATIENT_QUERY, { mpiId: 'MPI-000001' })).toEqual([]);
  });

  it.each([
    ['depth', `{ staffDirectory(first: 1) { department { head { department { head { department { head { department { head { department { head { name } } } } } } } } } } } }`],
    ['aliases', `{ ${repeat(16, (i) => `a${i}: departments { name }`)} }`],
    ['aliases', `{ ${repeat(101, (i) => `t${i}: __typename`)} }`],
    ['introspection', '{ __schema { types { fields { type { fields { name } } } } } }'],
    ['introspection', '{ __type(name: "Query") { fields { type { interfaces { name } } } } }'],
    ['directives', `{ departments { ${repeat(11, () => 'name @include(if: true)')} } }`],
    ['duplicateFields', `{ departments { ${repeat(4, () => 'name')} } }`],
    ['cost', `{ staffDirectory(first: 500) { department { staff(first: 50) { name } } } }`],
  ])('refuses %s over the limit with QUERY_TOO_COMPLEX', (limit, query) => {
    const errors = limitErrors(query);
    expect(errors.map((e) => e.limit)).toContain(limit);
  });

  it('counts `first` from a variable and a default multiplier for lists without one', () => {
    const query = 'query ($n: Int) { staffDirectory(first: $n) { department { staff { name } } } }';
    expect(limitErrors(query, { n: 5 })).toEqual([]);
    expect(limitErrors(query, { n: 500 }).map((e) => e.limit)).toEqual(['cost']);
  });

  /** An analyst's realistic question: every chart of one person, 200 results each, with their recognition here. */
  const ANALYST_QUERY = `query ($mpiId: ID!, $here: ID!) { patient(mpiId: $mpiId) { records { hospitalId mrn name
    labResults(first: 200) { loinc name valueQuantity unit interpretation referenceRange { low high } collectedAt status
      recognition(atHospitalId: $here) { status mark validUntil reason } } } } }`;

  /** The cost of a query as the rule counts it, with or without the contract's list sizes. */
  function costOf(query: string, withFacts: boolean): number {
    const document = parse(query);
    let cost = 0;
    validate(schema, document, [
      (context) => ({
        OperationDefinition(node) {
          cost = operationCost(context, node.selectionSet, schema.getQueryType()!, DEFAULT_TEST_LIMITS, {}, withFacts ? facts : undefined);
        },
      }),
    ]);
    return cost;
  }

  it('passes the analyst query because the alliance SDL sizes Patient.records (@listSize(assumedSize: 5)), not the default multiplier', () => {
    expect(limitErrors(ANALYST_QUERY, { mpiId: 'MPI-000001', here: 'dh-lead' })).toEqual([]);
    // without the contract's sizes the same query was refused (records counted as 10)
    expect(costOf(ANALYST_QUERY, false)).toBeGreaterThan(DEFAULT_TEST_LIMITS.maxCost);
    expect(costOf(ANALYST_QUERY, true)).toBeLessThanOrEqual(DEFAULT_TEST_LIMITS.maxCost);
  });

  it.each([
    ['nested large lists', '{ patient(mpiId: "MPI-1") { records { labResults(first: 500) { patient { labResults(first: 500) { loinc } } } } } }'],
    ['a sized list under a broadcast', '{ staffDirectory(first: 500) { department { staff(first: 100) { name } } } }'],
    [
      'the analyst query asking for every result',
      'query ($here: ID!) { patient(mpiId: "MPI-1") { records { labResults(first: 500) { loinc valueQuantity unit collectedAt interpretation name recognition(atHospitalId: $here) { status mark validUntil reason } } } } }',
    ],
  ])('still refuses a runaway query: %s', (_name, query) => {
    expect(limitErrors(query, { here: 'dh-lead' }).map((e) => e.limit)).toContain('cost');
  });

  it('counts each fanned-out root field once per member asked, and bounds hospitalIds by the member count', () => {
    const members = Array.from({ length: 30 }, (_, i) => ({ hospitalId: `m${String(i).padStart(2, '0')}`, name: 'm', url: 'http://m', state: 'ready' as const }));
    const check = createLimitChecker(DEFAULT_TEST_LIMITS, facts, { rootFields: new Set(['staffDirectory', 'departments']), directory: staticDirectory(members) });
    const codeOf = (query: string, variables: Record<string, unknown> = {}) => {
      const error = check(schema, parse(query), variables);
      return error && [(error.originalError as any).code, (error.originalError as any).details?.limit];
    };
    // 500 × 3 fields = 1,500 per member: within the limit for one member, not for all 30
    const wide = 'query($ids: [ID!]) { staffDirectory(first: 500, hospitalIds: $ids) { hospitalId name } }';
    expect(codeOf(wide)).toEqual(['QUERY_TOO_COMPLEX', 'cost']);
    expect(codeOf(wide, { ids: ['m01', 'm01', 'm02'] })).toBeUndefined();
    // the same document again with all members: the cached verdict is not reused for another width
    expect(codeOf(wide, {})).toEqual(['QUERY_TOO_COMPLEX', 'cost']);
    expect(codeOf(wide, { ids: Array.from({ length: 31 }, (_, i) => `x${i}`) })).toEqual(['BAD_USER_INPUT', undefined]);
    expect(codeOf(wide, { ids: Array.from({ length: 5000 }, () => 'm03') })).toBeUndefined();
  });

  it('bounds hospitalIds on every request of one parsed document, whatever the requests before it asked', () => {
    const members = Array.from({ length: 3 }, (_, i) => ({ hospitalId: `m${i}`, name: 'm', url: 'http://m', state: 'ready' as const }));
    const check = createLimitChecker(DEFAULT_TEST_LIMITS, facts, { rootFields: new Set(['staffDirectory', 'departments']), directory: staticDirectory(members) });
    const document = parse('query($a: [ID!], $b: [ID!]) { staffDirectory(first: 5, hospitalIds: $a) { name } departments(hospitalIds: $b) { name } }');
    const refused = (variables: Record<string, unknown>) => {
      const error = check(schema, document, variables);
      return error && [(error.originalError as any).code, error.nodes?.map((node) => (node as { name?: { value: string } }).name?.value)];
    };
    const four = ['m0', 'm1', 'x', 'y'];
    expect(refused({ a: ['m0'], b: ['m1'] })).toBeUndefined();
    expect(refused({ a: ['m0'], b: four })).toEqual(['BAD_USER_INPUT', ['departments']]);
    expect(refused({ a: four, b: four })).toEqual(['BAD_USER_INPUT', ['staffDirectory']]);
    expect(refused({ a: ['m0', 'm0', 'm0', 'm0'], b: null })).toBeUndefined();
    expect(refused({})).toBeUndefined();
    const literal = parse('{ staffDirectory(first: 5, hospitalIds: ["a", "b", "c", "d"]) { name } }');
    expect((check(schema, literal, {})?.originalError as any)?.code).toBe('BAD_USER_INPUT');
    expect((check(schema, literal, {})?.originalError as any)?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a non-member named by a write or by recognition(atHospitalId:) with one MEMBER_UNKNOWN, before anything runs', () => {
    const directory = staticDirectory(['dh-lead', 'dh-district'].map((hospitalId) => ({ hospitalId, name: hospitalId, url: 'http://m', state: 'ready' as const })));
    const check = createLimitChecker(DEFAULT_TEST_LIMITS, facts, { rootFields: new Set(['staffDirectory']), directory });
    const verdict = (query: string, variables: Record<string, unknown> = {}) => {
      const error = check(schema, parse(query), variables);
      return error && { code: (error.originalError as any).code, details: (error.originalError as any).details };
    };
    const referral = 'mutation($input: RequestReferralInput!) { requestReferral(input: $input) { id } }';
    const input = { patientMpiId: 'MPI-1', fromHospitalId: 'dh-district', toHospitalId: 'dh-lead', urgency: 'ROUTINE', reason: 'r', idempotencyKey: 'k' };
    expect(verdict(referral, { input })).toBeUndefined();
    expect(verdict(referral, { input: { ...input, toHospitalId: 'dh-leed' } })).toEqual({ code: 'MEMBER_UNKNOWN', details: { hospitalId: 'dh-leed' } });
    expect(verdict(referral, { input: { ...input, fromHospitalId: 'dh-x', toHospitalId: 'dh-y' } })).toEqual({
      code: 'MEMBER_UNKNOWN',
      details: { hospitalIds: ['dh-x', 'dh-y'] },
    });
    // the issuer of an attached result is the subgraph's integrity check, not a routing question
    expect(verdict(referral, { input: { ...input, attachedResults: [{ hospitalId: 'dh-gone', id: 'r1' }] } })).toBeUndefined();
    const recognition = (at: string) => `{ patient(mpiId: "MPI-1") { records { labResults { recognition(atHospitalId: "${at}") { status } } } } }`;
    expect(verdict(recognition('dh-lead'))).toBeUndefined();
    expect(verdict(recognition('dh-leed'))).toEqual({ code: 'MEMBER_UNKNOWN', details: { hospitalId: 'dh-leed' } });
    // filters over history may name a hospital that has since left
    expect(verdict('{ referrals(filter: { toHospitalId: "dh-gone" }) { totalCount } }')).toBeUndefined();
  });

  it('counts tokens up to the limit only', () => {
    expect(countTokens('{ a b c }', 100)).toBe(5);
    expect(countTokens(`{ ${'a '.repeat(10_000)} }`, 100)).toBe(101);
    expect(countTokens('# only a comment', 100)).toBe(0);
  });
});

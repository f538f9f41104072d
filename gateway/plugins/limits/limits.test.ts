import { Supergraph } from '@apollo/federation-internals';
import { getIntrospectionQuery, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { composeSupergraph } from '../../compose/compose-supergraph';
import { readSchemaFile } from '../../../common/contract/schema-files';
import { countTokens } from './count-tokens';
import { limitsRules } from '../limits';
import { limitsOf, loadGatewayConfig } from '../../../common/config/gateway-settings';
import { CROSS_HOSPITAL_PATIENT_QUERY } from '../../../common/contract/cross-hospital-patient-query';

/** The documented defaults. */
const DEFAULT_TEST_LIMITS = limitsOf(loadGatewayConfig({}));

/** The gateway's public schema: what callers validate against. */
const schema: GraphQLSchema = Supergraph.build(composeSupergraph({ alliance: readSchemaFile('alliance.graphql'), hospital: readSchemaFile('hospital.graphql') }).supergraphSdl)
  .apiSchema()
  .toGraphQLJSSchema();


/** Errors of the limit rules alone (standard validation must pass first, as in Apollo). */
function limitErrors(query: string, variables: Record<string, unknown> = {}, limits = DEFAULT_TEST_LIMITS) {
  const document = parse(query);
  expect(validate(schema, document, specifiedRules)).toEqual([]);
  return validate(schema, document, limitsRules(limits, variables)).map((e) => ({ limit: (e.originalError as any)?.details?.limit, message: e.message }));
}

const repeat = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join(' ');

describe('query limits at the gateway', () => {
  it('accepts the query of DESIGN 3.3 and the introspection query GraphiQL sends', () => {
    expect(limitErrors(CROSS_HOSPITAL_PATIENT_QUERY, { mpiId: 'MPI-000001', here: 'dh-lead' })).toEqual([]);
    expect(limitErrors(getIntrospectionQuery())).toEqual([]);
    expect(countTokens(CROSS_HOSPITAL_PATIENT_QUERY, 10_000)).toBeLessThan(100);
    expect(countTokens(getIntrospectionQuery(), 10_000)).toBeLessThan(DEFAULT_TEST_LIMITS.maxTokens);
  });

  it.each([
    ['depth', `{ staffDirectory(first: 1) { department { head { department { head { department { head { department { head { department { head { name } } } } } } } } } } } }`],
    ['aliases', `{ ${repeat(16, (i) => `a${i}: departments { name }`)} }`],
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

  it('counts tokens up to the limit only', () => {
    expect(countTokens('{ a b c }', 100)).toBe(5);
    expect(countTokens(`{ ${'a '.repeat(10_000)} }`, 100)).toBe(101);
    expect(countTokens('# only a comment', 100)).toBe(0);
  });
});

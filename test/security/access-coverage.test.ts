import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildASTSchema, getNamedType, isCompositeType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { ALLIANCE_ACCESS, ruleOfField } from '../../subgraphs/alliance/access/alliance-rules';
import { capabilityOfField } from '../../subgraphs/hospital/access/type-capabilities';

/**
 * Default deny, proven on the contract (DESIGN 5): every field of both subgraph schemas
 * (the generated, drift-tested `schema/*.graphql`) is covered by an access rule. A field
 * added without a rule fails here, before any caller could reach it unguarded.
 */
function schemaOf(name: 'alliance' | 'hospital'): GraphQLSchema {
  const sdl = readFileSync(path.resolve(__dirname, `../../schema/${name}.graphql`), 'utf8');
  // federation directives come from the composition, not from the file
  return buildASTSchema(parse(sdl), { assumeValid: true, assumeValidSDL: true });
}

function fieldsOf(schema: GraphQLSchema): { parent: string; field: string; returns: string; returnsObject: boolean }[] {
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((t) => !t.name.startsWith('__'))
    .flatMap((t) =>
      Object.values(t.getFields()).map((f) => {
        const named = getNamedType(f.type);
        return { parent: t.name, field: f.name, returns: named.name, returnsObject: isCompositeType(named) };
      }),
    );
}

describe('every field of both subgraph schemas has an access rule', () => {
  it('alliance: each field is in the one access table', () => {
    const fields = fieldsOf(schemaOf('alliance'));
    expect(fields.length).toBeGreaterThan(150);
    const uncovered = fields.filter((f) => !ruleOfField(f.parent, f.field)).map((f) => `${f.parent}.${f.field}`);
    expect(uncovered).toEqual([]);
  });

  it('alliance: root fields are listed one by one (a new root field is never covered by default)', () => {
    const schema = schemaOf('alliance');
    for (const root of ['Query', 'Mutation'] as const) {
      const listed = Object.keys(ALLIANCE_ACCESS[root].fields ?? {}).filter((f) => !f.startsWith('_'));
      const type = schema.getType(root);
      if (!isObjectType(type)) throw new Error(`no ${root} type`);
      expect({ root, listed: listed.sort() }).toEqual({ root, listed: Object.keys(type.getFields()).sort() });
      expect(ALLIANCE_ACCESS[root].all).toBeUndefined();
    }
  });

  it('alliance: the table names no type the schema lacks (no stale rules)', () => {
    const types = new Set(Object.keys(schemaOf('alliance').getTypeMap()));
    expect(Object.keys(ALLIANCE_ACCESS).filter((t) => t !== '_Service' && !types.has(t))).toEqual([]);
  });

  it('alliance: PHI types need the PHI rule, admin types the admin rule', () => {
    for (const type of ['Patient', 'PatientRecord', 'Referral', 'ReferralEvent', 'ReferralConnection', 'RecognitionDecision'])
      expect({ type, rule: ruleOfField(type, 'id') }).toEqual({ type, rule: 'phi' });
    for (const type of ['AuditEntry', 'AuditConnection', 'MembershipEvent']) expect({ type, rule: ruleOfField(type, 'id') }).toEqual({ type, rule: 'admin' });
    expect(ruleOfField('Hospital', 'subgraphUrl')).toBe('memberUrl');
    expect(ruleOfField('Hospital', 'name')).toBe('caller');
    expect(ruleOfField('Query', 'somethingNew')).toBeUndefined();
    expect(ruleOfField('SomeNewType', 'id')).toBeUndefined();
  });

  it('hospital: each field is guarded by the capability of the object it returns or belongs to', () => {
    const fields = fieldsOf(schemaOf('hospital'));
    expect(fields.length).toBeGreaterThan(60);
    const uncovered = fields.filter((f) => !capabilityOfField(f.parent, f.returns, f.returnsObject)).map((f) => `${f.parent}.${f.field}`);
    expect(uncovered).toEqual([]);
  });
});

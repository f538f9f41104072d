import { composeSupergraph, CompositionError } from './compose-supergraph';
import { ALLIANCE_SCHEMA_FILE, HOSPITAL_CONTRACT_FILE, readSchemaFile, schemaDir } from './schema-files';

const alliance = readSchemaFile(ALLIANCE_SCHEMA_FILE, schemaDir());
const hospital = readSchemaFile(HOSPITAL_CONTRACT_FILE, schemaDir());

describe('composeSupergraph', () => {
  it('joins the alliance and the hospital contract as two subgraphs', () => {
    const { supergraphSdl, version } = composeSupergraph({ alliance, hospital });
    expect(supergraphSdl).toContain('ALLIANCE @join__graph(name: "alliance"');
    expect(supergraphSdl).toContain('HOSPITALS @join__graph(name: "hospitals"');
    expect(supergraphSdl).toMatch(/type LabResult[\s\S]*recognition\(/);
    expect(version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('is deterministic', () => {
    expect(composeSupergraph({ alliance, hospital }).version).toBe(composeSupergraph({ alliance, hospital }).version);
  });

  it('reports every composition problem', () => {
    // the key field's type disagrees between the two subgraphs
    const broken = hospital.replace(/(type Hospital\s+@key\(fields: "id"\)[^{]*\{\s*id: )ID!/, '$1String!');
    expect(broken).not.toBe(hospital);
    expect(() => composeSupergraph({ alliance, hospital: broken })).toThrow(CompositionError);
  });
});

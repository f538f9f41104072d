import fs from 'node:fs';
import path from 'node:path';
import { composeSupergraph, CompositionError } from './compose-supergraph';

const fixture = (file: string) => fs.readFileSync(path.join(__dirname, '__fixtures__', file), 'utf8');

describe('composeSupergraph', () => {
  it('joins the alliance and the hospital contract as two subgraphs', () => {
    const { supergraphSdl, version } = composeSupergraph({ alliance: fixture('alliance.graphql'), hospital: fixture('hospital.graphql') });
    expect(supergraphSdl).toContain('ALLIANCE @join__graph(name: "alliance"');
    expect(supergraphSdl).toContain('HOSPITALS @join__graph(name: "hospitals"');
    expect(supergraphSdl).toMatch(/type LabResult[\s\S]*recognition\(/);
    expect(version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('is deterministic', () => {
    const a = composeSupergraph({ alliance: fixture('alliance.graphql'), hospital: fixture('hospital.graphql') });
    const b = composeSupergraph({ alliance: fixture('alliance.graphql'), hospital: fixture('hospital.graphql') });
    expect(a.version).toBe(b.version);
  });

  it('reports every composition problem', () => {
    const broken = fixture('hospital.graphql').replace('type Hospital @key(fields: "id") {\n  id: ID!', 'type Hospital @key(fields: "id") {\n  id: String!');
    expect(() => composeSupergraph({ alliance: fixture('alliance.graphql'), hospital: broken })).toThrow(CompositionError);
  });
});

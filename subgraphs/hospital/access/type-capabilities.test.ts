import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildASTSchema, isObjectType, parse } from 'graphql';
import { TYPE_CAPABILITY } from './type-capabilities';

describe('type capabilities', () => {
  it('classify every object type of the hospital contract, and nothing else', () => {
    const sdl = readFileSync(path.resolve(__dirname, '../../../schema/hospital.graphql'), 'utf8');
    const document = parse(sdl);
    // federation directives are declared by the composition, not in the contract file
    const schema = buildASTSchema(document, { assumeValid: true, assumeValidSDL: true });
    const objectTypes = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && !t.name.startsWith('__') && !['Query', 'Mutation'].includes(t.name))
      .map((t) => t.name)
      .sort();
    expect(Object.keys(TYPE_CAPABILITY).sort()).toEqual(objectTypes);
  });

  it('treats the chart and its results as PHI', () => {
    expect([TYPE_CAPABILITY.PatientRecord, TYPE_CAPABILITY.LabResult, TYPE_CAPABILITY.ReferenceRange]).toEqual(['phi', 'phi', 'phi']);
  });
});

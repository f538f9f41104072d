import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildHospitalSchema } from './build-hospital-schema';

const CONTRACT = path.resolve(__dirname, '../../schema/hospital.graphql');

describe('schema/hospital.graphql', () => {
  it('matches the schema the code builds', async () => {
    const printed = `${printSubgraphSchema(await buildHospitalSchema()).trimEnd()}\n`;
    const onDisk = readFileSync(CONTRACT, 'utf8');
    if (printed !== onDisk) {
      throw new Error(
        'schema/hospital.graphql is out of date with the code. Regenerate it: npm run build && node dist/cli/index.js print-schema hospital — then review the diff: partners build against this contract.',
      );
    }
  });
});

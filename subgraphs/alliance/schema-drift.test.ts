import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildAllianceSchema } from './build-alliance-schema';

/** schema/alliance.graphql is the contract partners read: it must be what the code serves (`medalliance print-schema alliance`). */
describe('schema/alliance.graphql', () => {
  it('matches the schema built from the code', async () => {
    const checkedIn = readFileSync(path.resolve(__dirname, '../../schema/alliance.graphql'), 'utf8');
    expect(`${printSubgraphSchema(await buildAllianceSchema()).trimEnd()}\n`).toBe(checkedIn);
  });
});

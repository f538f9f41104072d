import fs from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from './compose-supergraph';
import { ALLIANCE_SCHEMA_FILE, HOSPITAL_CONTRACT_FILE, SUPERGRAPH_FILE, readSchemaFile, schemaDir } from '../../common/contract/schema-files';

/** schema/supergraph.graphql is generated (`medalliance compose`); it must match the subgraph SDLs. */
describe('schema/supergraph.graphql', () => {
  it('is what composing schema/alliance.graphql and schema/hospital.graphql gives', () => {
    const dir = schemaDir();
    const { supergraphSdl } = composeSupergraph({ alliance: readSchemaFile(ALLIANCE_SCHEMA_FILE, dir), hospital: readSchemaFile(HOSPITAL_CONTRACT_FILE, dir) });
    const checkedIn = fs.readFileSync(path.join(dir, SUPERGRAPH_FILE), 'utf8');
    // a mismatch means a subgraph schema changed: run `npx medalliance compose` and commit the result
    expect(checkedIn).toBe(supergraphSdl);
  });
});

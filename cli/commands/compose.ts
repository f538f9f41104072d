import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { composeSupergraph } from '../../gateway/compose/compose-supergraph';
import { ALLIANCE_SCHEMA_FILE, HOSPITAL_CONTRACT_FILE, SUPERGRAPH_FILE, readSchemaFile, schemaDir } from '../../common/contract/schema-files';
import { UsageError } from '../usage-error';

/** `medalliance compose [--check]`: writes schema/supergraph.graphql; --check only compares. */
export async function run(argv: string[]): Promise<void> {
  let values: { check?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { check: { type: 'boolean' } }, strict: true }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nUsage: medalliance compose [--check]`);
  }
  const dir = schemaDir();
  const { supergraphSdl, version } = composeSupergraph({ alliance: readSchemaFile(ALLIANCE_SCHEMA_FILE, dir), hospital: readSchemaFile(HOSPITAL_CONTRACT_FILE, dir) });
  const target = path.join(dir, SUPERGRAPH_FILE);
  if (values.check) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current !== supergraphSdl) {
      process.stderr.write(`schema/${SUPERGRAPH_FILE} is out of date: run medalliance compose\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`schema/${SUPERGRAPH_FILE} is up to date (${version})\n`);
    return;
  }
  fs.writeFileSync(target, supergraphSdl);
  process.stdout.write(`wrote schema/${SUPERGRAPH_FILE} (${version})\n`);
}

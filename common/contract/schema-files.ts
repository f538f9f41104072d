import fs from 'node:fs';
import path from 'node:path';

/**
 * The checked-in schema folder: the hospital contract, the alliance SDL and the composed
 * supergraph. Found by walking up from this module, so it works from the sources (tests)
 * and from the built output alike.
 */
export function schemaDir(start = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate) && fs.existsSync(path.join(dir, 'schema'))) return path.join(dir, 'schema');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('schema folder not found above this module');
    dir = parent;
  }
}

export const HOSPITAL_CONTRACT_FILE = 'hospital.graphql';
export const ALLIANCE_SCHEMA_FILE = 'alliance.graphql';
export const SUPERGRAPH_FILE = 'supergraph.graphql';

export function readSchemaFile(file: string, dir = schemaDir()): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

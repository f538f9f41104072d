import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
/** A checked-in subgraph schema file. */
export function schemaText(file: 'hospital.graphql' | 'alliance.graphql'): string {
  return fs.readFileSync(path.join(ROOT, 'schema', file), 'utf8');
}

/** A scratch folder with both subgraph SDLs, for an in-process gateway. */
export function scratchSchemaFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medalliance-schema-'));
  fs.writeFileSync(path.join(dir, 'hospital.graphql'), schemaText('hospital.graphql'));
  fs.writeFileSync(path.join(dir, 'alliance.graphql'), schemaText('alliance.graphql'));
  return dir;
}

export function scratchDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'medalliance-data-'));
}

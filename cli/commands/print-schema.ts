import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { UsageError } from '../usage-error';

/**
 * `medalliance print-schema [name…]` writes `schema/<name>.graphql` from the code.
 * Each subgraph lives in `subgraphs/<name>/build-<name>-schema` exporting
 * `build<Name>Schema()`. type-graphql metadata is global to a process, so one name is
 * printed in this process and several names each in a child process of their own.
 */
const SUBGRAPHS = ['hospital', 'alliance'] as const;

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase());
}

/** The project root: the nearest folder above this file holding the package's package.json. */
export function projectRoot(from = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'schema'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('project root not found');
    dir = parent;
  }
}

function builderModule(name: string): string {
  return path.join(__dirname, '..', '..', 'subgraphs', name, `build-${name}-schema`);
}

function isBuilt(name: string): boolean {
  try {
    require.resolve(builderModule(name));
    return true;
  } catch {
    return false;
  }
}

/** Builds one subgraph's schema and prints its SDL (federation directives included). */
export async function printSchemaOf(name: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(builderModule(name)) as Record<string, () => Promise<GraphQLSchema>>;
  const build = module[`build${pascal(name)}Schema`];
  if (typeof build !== 'function') throw new UsageError(`subgraphs/${name} has no build${pascal(name)}Schema().`);
  return printSubgraphSchema(await build());
}

async function writeOne(name: string, outDir: string): Promise<void> {
  const file = path.join(outDir, `${name}.graphql`);
  writeFileSync(file, `${(await printSchemaOf(name)).trimEnd()}\n`);
  process.stdout.write(`wrote ${path.relative(process.cwd(), file) || file}\n`);
}

function runChild(name: string, outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1], 'print-schema', name, '--out', outDir], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`print-schema ${name} failed (exit ${code})`))));
  });
}

export async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' } } });
  const outDir = path.resolve(values.out ?? path.join(projectRoot(), 'schema'));
  for (const name of positionals) {
    if (!(SUBGRAPHS as readonly string[]).includes(name)) throw new UsageError(`Unknown subgraph "${name}". Known: ${SUBGRAPHS.join(', ')}.`);
    if (!isBuilt(name)) throw new UsageError(`The ${name} subgraph is not available in this build.`);
  }
  const names = positionals.length > 0 ? positionals : SUBGRAPHS.filter(isBuilt);
  if (names.length === 1) {
    await writeOne(names[0], outDir);
    return;
  }
  for (const name of names) await runChild(name, outDir);
}

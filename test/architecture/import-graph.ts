import fs from 'node:fs';
import path from 'node:path';

/** One relative import of one source file: both as paths from the repository root, without extension. */
export interface ImportEdge {
  from: string;
  to: string;
}

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** The production sources under `folders` (tests may import test support of any layer). */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'static') walk(rel);
      } else if (rel.endsWith('.ts') && !rel.endsWith('.test.ts') && !rel.endsWith('.d.ts')) out.push(rel);
    }
  };
  for (const folder of folders) walk(folder);
  return out;
}

/** Every relative import of the given files. */
export function importEdges(root: string, files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(SPECIFIER)) {
      edges.push({ from: file.replace(/\.ts$/, ''), to: path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1])) });
    }
  }
  return edges;
}

/**
 * What each top folder may import (DESIGN's layering: `common/` is the bottom, the
 * subgraphs and the gateway build on it and never on each other, the CLI and the
 * benchmark on everything). A folder imports itself freely, within the cycle rule.
 */
export const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  common: [],
  subgraphs: ['common'],
  gateway: ['common'],
  cli: ['common', 'subgraphs', 'gateway'],
  bench: ['common', 'subgraphs', 'gateway', 'cli'],
};

/** Sideways imports between subgraphs that are allowed, each with its reason. */
export const SIDEWAYS_ALLOWED: readonly { from: string; to: string; why: string }[] = [
  { from: 'subgraphs/alliance/seed/', to: 'subgraphs/hospital/seed/', why: "the demo alliance's index and statistics are built from the very people and results the members seed" },
];

const top = (p: string) => p.split('/')[0];
/** The folder a file belongs to for the cycle rule: `gateway/fanout`, `subgraphs/hospital`; files at a top folder's root are their own unit. */
const unit = (p: string) => p.split('/').slice(0, 2).join('/');

/** Imports that break the layering, as readable lines. */
export function layeringViolations(edges: readonly ImportEdge[]): string[] {
  const problems: string[] = [];
  for (const { from, to } of edges) {
    const a = top(from);
    const b = top(to);
    if (!(a in MAY_IMPORT)) continue;
    if (a !== b && !MAY_IMPORT[a].includes(b)) {
      problems.push(`${from} imports ${to}: ${a}/ may import ${MAY_IMPORT[a].length ? MAY_IMPORT[a].map((t) => `${t}/`).join(', ') : 'nothing of ours'}`);
      continue;
    }
    if (a === 'subgraphs' && b === 'subgraphs') {
      const ua = unit(from);
      const ub = unit(to);
      const sideways = ua !== ub && ub !== 'subgraphs/runtime';
      if (sideways && !SIDEWAYS_ALLOWED.some((s) => from.startsWith(s.from) && to.startsWith(s.to)))
        problems.push(`${from} imports ${to}: a subgraph builds on subgraphs/runtime, never on another subgraph`);
    }
  }
  return problems;
}

/** Cycles between the folders of one top folder (`gateway/fanout` → `gateway/transport` → `gateway/fanout`). */
export function folderCycles(edges: readonly ImportEdge[]): string[] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const a = unit(from);
    const b = unit(to);
    if (a === b || top(a) !== top(b) || a.split('/').length < 2 || b.split('/').length < 2) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)!.add(b);
  }
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderMarkdown, type BenchResults } from '../report/render-markdown';

/** Development aid: docs/BENCHMARKS.md as the renderer makes it from bench/results/latest.json (or the file given), on stdout. */
const file = process.argv[2] ?? path.resolve(__dirname, '..', '..', '..', 'bench', 'results', 'latest.json');
process.stdout.write(renderMarkdown(JSON.parse(readFileSync(file, 'utf8')) as BenchResults));

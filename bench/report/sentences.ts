/**
 * Comparative wording of the report, computed from the run's figures: a sentence that
 * ranks or compares says what this run measured, never what an earlier one did.
 */

const COUNT = ['none', 'one', 'two', 'three', 'four', 'five', 'six'];
const ORDINAL = ['', '', 'second', 'third', 'fourth', 'fifth', 'sixth'];

const known = (value: number | undefined): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Where `value` stands among itself and `others`, lowest first: "the lowest of the four",
 * "the second lowest of the four", "the highest of the four", "tied lowest of the four".
 */
export function rankPhrase(value: number, others: number[]): string {
  const all = others.filter(known);
  if (!known(value) || all.length === 0) return 'not measured';
  const count = COUNT[all.length + 1] ?? String(all.length + 1);
  const below = all.filter((o) => o < value).length;
  const above = all.filter((o) => o > value).length;
  const tied = all.some((o) => o === value);
  if (below === 0) return `${tied ? 'tied lowest' : 'the lowest'} of the ${count}`;
  if (above === 0) return `${tied ? 'tied highest' : 'the highest'} of the ${count}`;
  return `${tied ? 'tied ' : 'the '}${ORDINAL[below + 1] ?? `${below + 1}th`} lowest of the ${count}`;
}

/** `a` compared with `b` in whole percent: "about 25 % below", "about 4 % above", "about the same as". */
export function percentPhrase(a: number, b: number): string {
  if (!known(a) || !known(b) || b <= 0) return 'not comparable with';
  const difference = Math.round((a / b - 1) * 100);
  if (difference === 0) return 'about the same as';
  return difference < 0 ? `about ${-difference} % below` : `about ${difference} % above`;
}

/** Which of the named figures reached the ceiling (`>=`), as a sentence about the run. */
export function ceilingSentence(ceiling: number, figures: { label: string; value: number }[], ceilingLabel: string): string {
  const measured = figures.filter((f) => known(f.value));
  if (!known(ceiling) || measured.length === 0) return `No figure to compare with ${ceilingLabel} in this run.`;
  const passed = measured.filter((f) => f.value >= ceiling).map((f) => f.label);
  if (passed.length === 0) return `In this run no gateway reached ${ceilingLabel}.`;
  return `In this run ${listOf(passed)} reached ${ceilingLabel}.`;
}

export function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Which NODE_ENV every process ran with: graphql-js, Apollo Server and Express behave differently under it. */
export function nodeEnvSentence(nodeEnv: string | undefined): string {
  if (nodeEnv === 'production')
    return 'Every process the run starts (ours, the baselines, the canned members, the proxies) runs with `NODE_ENV=production`, as the image runs it (Dockerfile).';
  return `Every process the run starts ran with NODE_ENV ${nodeEnv ? `\`${nodeEnv}\`` : 'unset'}, not as the image runs it (\`NODE_ENV=production\`).`;
}

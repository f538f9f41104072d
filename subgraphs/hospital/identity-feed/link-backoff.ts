/**
 * Delay before the next attempt of a link after `attempts` failed ones: doubling from
 * `baseMs`, capped at `maxMs`, with up to a quarter of jitter so that members coming back
 * with the alliance do not all knock at once. `random` is injectable for tests.
 */
export function linkRetryDelay(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const delay = Math.min(baseMs * 2 ** exponent, maxMs);
  return Math.round(delay * (1 - random() * 0.25));
}

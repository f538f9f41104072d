import { linkRetryDelay } from './link-backoff';

describe('linkRetryDelay', () => {
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [6, 32000],
    [7, 60000],
    [50, 60000],
    [0, 1000],
  ])('after %i failed attempts waits %i ms (no jitter)', (attempts, delay) => {
    expect(linkRetryDelay(attempts, 1000, 60000, () => 0)).toBe(delay);
  });

  it('takes off at most a quarter as jitter', () => {
    expect(linkRetryDelay(3, 1000, 60000, () => 0.999999)).toBe(3000);
  });
});

import { CircuitBreaker, type BreakerState } from './circuit-breaker';

type Step = ['fail' | 'ok' | 'tick', number?] | ['acquire', boolean];

function run(steps: Step[]): { state: BreakerState; acquired: boolean[] } {
  let clock = 0;
  const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000, now: () => clock });
  const acquired: boolean[] = [];
  for (const [kind, value] of steps) {
    if (kind === 'fail') breaker.recordFailure();
    else if (kind === 'ok') breaker.recordSuccess();
    else if (kind === 'tick') clock += value as number;
    else acquired.push(breaker.tryAcquire());
  }
  return { state: breaker.state, acquired };
}

describe('CircuitBreaker', () => {
  it.each<[string, Step[], BreakerState, boolean[]]>([
    ['starts closed', [['acquire', true]], 'closed', [true]],
    ['stays closed below the threshold', [['fail'], ['fail'], ['acquire', true]], 'closed', [true]],
    ['a success resets the count', [['fail'], ['fail'], ['ok'], ['fail'], ['fail']], 'closed', []],
    ['opens at the threshold and refuses', [['fail'], ['fail'], ['fail'], ['acquire', false]], 'open', [false]],
    ['still open just before the cooldown ends', [['fail'], ['fail'], ['fail'], ['tick', 999]], 'open', []],
    ['half-open after the cooldown, one trial only', [['fail'], ['fail'], ['fail'], ['tick', 1000], ['acquire', true], ['acquire', false]], 'half-open', [true, false]],
    ['a successful trial closes', [['fail'], ['fail'], ['fail'], ['tick', 1000], ['acquire', true], ['ok'], ['acquire', true]], 'closed', [true, true]],
    ['a failed trial re-opens for a full cooldown', [['fail'], ['fail'], ['fail'], ['tick', 1000], ['acquire', true], ['fail'], ['tick', 500]], 'open', [true]],
  ])('%s', (_name, steps, state, acquired) => {
    const result = run(steps);
    expect(result.state).toBe(state);
    expect(result.acquired).toEqual(acquired);
  });
});

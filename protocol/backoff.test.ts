import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const o = { minMs: 500, maxMs: 30_000, factor: 2 };

describe('backoffDelay', () => {
  it.each([
    [0, 0, 250],
    [0, 1, 500],
    [1, 1, 1000],
    [3, 0.5, 3000],
    [10, 1, 30_000],
    [50, 0, 15_000],
  ])('attempt %i with random %f waits %i ms', (attempt, r, ms) => {
    expect(backoffDelay(attempt, o, () => r)).toBe(ms);
  });

  it('draws new jitter on every call', () => {
    const draws = [0.1, 0.9];
    const delays = draws.map((r) => backoffDelay(2, o, () => r));
    expect(delays[0]).not.toBe(delays[1]);
  });
});

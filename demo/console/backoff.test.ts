import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

const options = { backoffMinMs: 500, backoffMaxMs: 15_000, backoffFactor: 2 };

describe('backoffDelay', () => {
  it.each([
    [0, 0, 250],
    [0, 0.999_999, 500],
    [1, 0, 500],
    [3, 0.5, 3_000],
    [10, 0, 7_500],
    [10, 0.999_999, 15_000],
  ])('attempt %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, options, () => random)).toBe(expected);
  });

  it('draws fresh jitter on every call', () => {
    const draws = [0.1, 0.9];
    const delays = draws.map((r) => backoffDelay(2, options, () => r));
    expect(delays[0]).not.toBe(delays[1]);
  });
});

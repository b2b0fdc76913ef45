import { afterEach, expect, it, vi } from 'vitest';
import { limitRepeats } from './log-repeats';

afterEach(() => void vi.useRealTimers());

it('prints each kind of error once, then how often it came again, and every state change', () => {
  vi.useFakeTimers();
  const printed: unknown[] = [];
  const log = limitRepeats((entry) => void printed.push(entry), 60_000);
  const down = () => new Error('connect ECONNREFUSED 127.0.0.1:5432');
  log(down());
  for (let i = 0; i < 89; i++) log(down());
  log(new TypeError('x is undefined'));
  log('Redis lost: live delivery between servers paused');
  log('Redis lost: live delivery between servers paused');
  expect(printed).toEqual([down(), new TypeError('x is undefined'), 'Redis lost: live delivery between servers paused', 'Redis lost: live delivery between servers paused']);
  vi.advanceTimersByTime(60_000);
  expect(printed.slice(4)).toEqual(['Error: connect ECONNREFUSED 127.0.0.1:5432 (89 more times in the last 60 s)']);
  // A new window: the next one is printed whole again.
  log(down());
  expect(printed).toHaveLength(6);
});

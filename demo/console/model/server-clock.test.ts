import { expect, it } from 'vitest';
import { createServerClock } from './server-clock';

const HOUR = 3_600_000;

it("takes the server's time in a pong as of halfway through the round trip", () => {
  let local = 1_000_000;
  const clock = createServerClock(() => local);
  // The agent's clock 3 h fast; the welcome came after a 4 s trip (a slow link at login).
  clock.welcomed(local - 3 * HOUR - 4_000);
  expect(clock.offset.value).toBe(-3 * HOUR - 4_000);
  // A ping at `sent`, answered 400 ms later: the server's now was 200 ms after `sent` by its clock.
  const sent = local;
  local += 400;
  clock.ponged(sent, sent + 200 - 3 * HOUR);
  expect(clock.offset.value).toBe(-3 * HOUR);
});

it('keeps what it knew from a pong too slow to tell, or a ping timed by a clock set meanwhile', () => {
  let local = 1_000_000;
  const clock = createServerClock(() => local);
  clock.welcomed(local + HOUR);
  local += 30_000;
  clock.ponged(local - 30_000, local + 2 * HOUR);
  clock.ponged(local + 5_000, local + 2 * HOUR);
  expect(clock.offset.value).toBe(HOUR);
  // An older server says no time: the console's own clock, as before.
  const older = createServerClock(() => local);
  older.welcomed(undefined);
  older.ponged(local, undefined);
  expect(older.offset.value).toBe(0);
});

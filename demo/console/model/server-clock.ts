// The server's clock, as near as the console can tell. How long a visitor has waited, or since
// they left, is the server's timestamp subtracted from now, and that now must be the server's:
// by the agent's own clock, one 3 h fast read "waiting 3 h" of a visitor a minute in the queue,
// and one 30 min slow read "just arrived" of everyone, so that nobody could tell who had waited
// longest. A time of day (HH:MM) needs no offset: the server's timestamp in the agent's zone.
import { signal } from '@preact/signals';

/** A pong slower than this says little of the link (a tab asleep, a clock set meanwhile): it is not used. */
const MAX_ROUND_TRIP_MS = 10_000;
/** Less than this is no news: the times the console shows are in minutes. */
const NEWS_MS = 1_000;

export function createServerClock(localNow: () => number = Date.now) {
  /** The server's clock less this one's; 0 until a server says its time (an older one never does). */
  const offset = signal(0);
  const learn = (next: number) => {
    if (Math.abs(next - offset.value) >= NEWS_MS) offset.value = Math.round(next);
  };
  return {
    offset,
    /** The welcome's time, sent a one-way trip before it arrived: near enough until the first pong. */
    welcomed(serverNow: number | undefined): void {
      if (serverNow !== undefined) learn(serverNow - localNow());
    },
    /** A pong to the ping sent at `sentAt` (this clock): the server answered about halfway between. */
    ponged(sentAt: number, serverNow: number | undefined): void {
      const at = localNow();
      if (serverNow === undefined || at < sentAt || at - sentAt > MAX_ROUND_TRIP_MS) return;
      learn(serverNow - (sentAt + at) / 2);
    },
    /** The server's time now, as near as the console can tell. */
    now: (): number => localNow() + offset.value,
  };
}

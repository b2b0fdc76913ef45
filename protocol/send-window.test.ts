import { describe, expect, it } from 'vitest';
import { createSendWindow } from './send-window';

const settings = { size: 100, perSecond: 20, burst: 40 };

/** A window on a clock the test sets, and a pending list of `n` numbered frames. */
function setUp(n: number) {
  let clock = 1_000_000_000;
  const win = createSendWindow(settings, () => clock);
  const sent: string[] = [];
  const pending = Array.from({ length: n }, (_, i) => `m${i}`);
  const fill = () => win.fill(pending, (id) => id, (id) => (sent.push(id), true));
  return { sent, fill, set: (t: number) => (clock = t), at: () => clock };
}

describe('send window', () => {
  it('sends a burst, then paces at the rate', () => {
    const w = setUp(60);
    expect(w.fill()).toBe(50);
    expect(w.sent).toHaveLength(40);
    w.set(w.at() + 50);
    w.fill();
    expect(w.sent).toHaveLength(41);
  });

  it('keeps sending after the clock is set back an hour (a laptop waking, a time sync)', () => {
    const w = setUp(60);
    w.fill();
    expect(w.sent).toHaveLength(40);
    w.set(w.at() - 3_600_000);
    // The wait it asks for is the pace's, not the hour the clock went back.
    expect(w.fill()).toBe(50);
    w.set(w.at() + 50);
    w.fill();
    expect(w.sent).toHaveLength(41);
    w.set(w.at() + 950);
    w.fill();
    expect(w.sent).toHaveLength(60);
  });

  it('refills no more than the burst when the clock jumps forward', () => {
    const w = setUp(200);
    w.fill();
    w.set(w.at() + 86_400_000);
    w.fill();
    expect(w.sent).toHaveLength(80);
  });
});

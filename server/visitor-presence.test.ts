import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVisitorPresence, type VisitorState } from './visitor-presence';

let heard: [string, VisitorState][];
beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  heard = [];
});
afterEach(() => vi.useRealTimers());

describe('visitor presence', () => {
  it('says a visitor is here at once, and gone only after the grace, from the moment they left', () => {
    const p = createVisitorPresence((id, state) => heard.push([id, state]), 15_000);
    const tab1 = p.connected('v1');
    const tab2 = p.connected('v1');
    expect(heard).toEqual([['v1', { online: true, since: 1_000_000 }]]);
    tab1();
    vi.advanceTimersByTime(60_000);
    tab2();
    // The next page reconnects within the grace: nothing to tell.
    vi.advanceTimersByTime(1_000);
    const next = p.connected('v1');
    vi.advanceTimersByTime(60_000);
    expect(heard).toHaveLength(1);
    next();
    vi.advanceTimersByTime(15_000);
    expect(heard.at(-1)).toEqual(['v1', { online: false, since: 1_121_000 }]);
    expect(p.state('v1')).toEqual({ online: false, since: 1_121_000 });
    // Long gone is forgotten, so the map does not grow with every visitor ever seen.
    vi.advanceTimersByTime(60 * 60 * 1000);
    expect(p.state('v1')).toBeUndefined();
    p.dispose();
  });
});

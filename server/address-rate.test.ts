import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { perAddress } from './address-rate';

const from = (address: string) => ({ address }) as unknown as IncomingMessage;
const addressOf = (req: IncomingMessage) => (req as unknown as { address: string }).address;

describe('perAddress', () => {
  afterEach(() => vi.useRealTimers());

  it('refuses an address past its burst, others not, and forgets every address every ten minutes', () => {
    let t = 0;
    const mayGoOn = perAddress({ perSecond: 0.001, burst: 2 }, () => false, addressOf, () => t);
    expect([mayGoOn(from('203.0.113.5')), mayGoOn(from('203.0.113.5')), mayGoOn(from('203.0.113.5'))]).toEqual([true, true, false]);
    expect(mayGoOn(from('198.51.100.7'))).toBe(true);
    t += 10 * 60_000;
    expect(mayGoOn(from('203.0.113.5'))).toBe(true);
  });

  it('leaves no timer running behind a closed server', () => {
    vi.useFakeTimers();
    perAddress({ perSecond: 1, burst: 1 }, () => false, addressOf, Date.now);
    expect(vi.getTimerCount()).toBe(0);
  });
});

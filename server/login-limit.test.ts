import { describe, expect, it } from 'vitest';
import { createLoginLimit, LOGIN_LIMIT } from './login-limit';

describe('guesses at one login', () => {
  it('get a few tries, then a wait that doubles up to 30 s, whatever address each comes from', () => {
    const limit = createLoginLimit();
    // 500 guesses at `demo` from 50 addresses in 10 s, as an attacker sent them: the first five go on.
    const answered = Array.from({ length: 500 }, (_, i) => limit.attempt('demo', `198.51.100.${i % 50}`, i * 20)).filter((wait) => wait === 0);
    expect(answered.length).toBeLessThanOrEqual(10);
    // Waits double from 1 s and stop at the cap, so an agent is never held back long by them.
    const fresh = createLoginLimit();
    let now = 0;
    const tries: number[] = [];
    while (tries.length < 14) {
      const wait = fresh.attempt('aino', '203.0.113.9', now);
      tries.push(wait);
      now += wait;
    }
    expect(tries).toEqual([0, 0, 0, 0, 0, 1000, 0, 2000, 0, 4000, 0, 8000, 0, 16000]);
    expect([fresh.attempt('aino', '203.0.113.9', now), fresh.attempt('aino', '203.0.113.9', now)]).toEqual([0, 30_000]);
    now += 30_000;
    expect([fresh.attempt('aino', '203.0.113.9', now), fresh.attempt('aino', '203.0.113.9', now)]).toEqual([0, 30_000]);
    // Another login is not touched by it.
    expect(fresh.attempt('eero', '203.0.113.9', now)).toBe(0);
  });

  it('start afresh after a right password, or after a quiet while', () => {
    const limit = createLoginLimit();
    for (let i = 0; i < 4; i++) limit.attempt('aino', '203.0.113.9', i);
    expect(limit.attempt('aino', '203.0.113.9', 10)).toBe(0);
    limit.succeeded('aino', '203.0.113.9', 10);
    // From elsewhere (her own address is known now): five tries again, then a wait.
    for (let i = 0; i < 5; i++) expect(limit.attempt('aino', '198.51.100.1', 20 + i)).toBe(0);
    expect(limit.attempt('aino', '198.51.100.1', 30)).toBeGreaterThan(0);
    expect(limit.attempt('aino', '198.51.100.1', 30 + LOGIN_LIMIT.forgetMs + 1)).toBe(0);
  });

  it("let an agent in from where they logged in before, while an attacker keeps their login waiting", () => {
    const limit = createLoginLimit();
    limit.succeeded('aino', '2001:db8:1:2::10', 0);
    let now = 1000;
    for (let i = 0; i < 50; i++, now += 100) limit.attempt('aino', '198.51.100.7', now);
    expect(limit.attempt('aino', '198.51.100.8', now)).toBeGreaterThan(0);
    // Her laptop took another address in the same /64 since.
    expect(limit.attempt('aino', '2001:db8:1:2::99', now)).toBe(0);
    expect(limit.attempt('aino', '203.0.113.50', now)).toBeGreaterThan(0);
  });
  it('count a login whatever its case, as logging in finds the agent whatever its case', () => {
    const limit = createLoginLimit();
    const waits = ['aino', 'Aino', 'AINO', 'aIno', 'ainO', 'AiNo'].map((login, i) => limit.attempt(login, '198.51.100.7', i));
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits[5]).toBeGreaterThan(0);
  });
});

describe('an address that stands for many clients (a proxy not trusted to name them)', () => {
  it('is nobody\'s known address: a login from it does not let the guesses from it off', () => {
    const limit = createLoginLimit();
    limit.succeeded('aino', null, 0);
    limit.succeeded('aino', '127.0.0.1', 0);
    const waits = Array.from({ length: 6 }, (_, i) => limit.attempt('aino', null, 1000 + i));
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits[5]).toBeGreaterThan(0);
  });
});

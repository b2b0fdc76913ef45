// STYLE.md lesson 9: importing a widget module starts nothing. The loader entry only draws its
// launcher (listeners on its own button) and hears the live-chat flag's storage event; no other
// page-wide listeners, no timers or randomness.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
  document.getElementById('kohtaamo')?.remove();
});

function spies() {
  return [
    vi.spyOn(window, 'addEventListener'),
    vi.spyOn(document, 'addEventListener'),
    vi.spyOn(globalThis, 'setTimeout'),
    vi.spyOn(globalThis, 'setInterval'),
    vi.spyOn(Math, 'random'),
  ];
}

describe('module scope', () => {
  it.each([['./app/main'], ['./loader/start'], ['./app/model/session'], ['./app/net/connection']])(
    '%s does nothing on import',
    async (path) => {
      const all = spies();
      await import(path);
      expect(all.map((s) => s.mock.calls.length)).toEqual([0, 0, 0, 0, 0]);
    },
  );

  it('the loader entry adds no page-wide listener but the storage event, and no timer', async () => {
    const all = spies();
    await import('./loader');
    expect(all.map((s) => s.mock.calls.length)).toEqual([1, 0, 0, 0, 0]);
    expect(all[0]!.mock.calls[0]![0]).toBe('storage');
    expect(document.getElementById('kohtaamo')?.shadowRoot?.querySelector('button')).toBeTruthy();
  });
});

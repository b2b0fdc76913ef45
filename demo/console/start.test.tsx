import { act } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { createConsole } from './model/console';
import { start } from './start';
import { fakeEnv, ME, summary } from './test-support';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

it('counts the unclaimed conversations in the tab title', () => {
  const fake = fakeEnv();
  const root = document.createElement('div');
  document.body.append(root);
  act(() => {
    stop = start(root, fake.env);
  });
  act(() => {
    fake.last().open();
    fake.last().receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000 });
    fake.last().receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2' }), summary({ id: 'k3', status: 'active', agent: ME })] });
  });
  expect(document.title).toBe('(2) waiting · Kohtaamo console');
  expect(root.textContent).toContain('Aino (demo)');
  act(() => fake.last().receive({ type: 'queue', conversations: [] }));
  expect(document.title).toBe('Kohtaamo console');
});

it('does nothing until started, and leaves nothing running when stopped', () => {
  vi.useFakeTimers();
  try {
    const fake = fakeEnv();
    const model = createConsole(fake.env);
    expect(fake.sockets).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
    const stopModel = model.start();
    act(() => {
      fake.last().open();
      fake.last().receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000 });
    });
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    stopModel();
    expect(vi.getTimerCount()).toBe(0);
    expect(fake.last().readyState).toBe(3);
    expect(fake.onlineListeners.size).toBe(0);
  } finally {
    vi.useRealTimers();
  }
});

import { act } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { createConsole } from './model/console';
import { start } from './start';
import { fakeEnv, ME, summary, textEvent } from './test-support';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

/** Starts the console as the page does, on a fake browser, and lets the server welcome it. */
function startWelcomed() {
  const fake = fakeEnv();
  const root = document.createElement('div');
  document.body.append(root);
  act(() => {
    stop = start(root, fake.env);
  });
  act(() => {
    fake.last().open();
    fake.last().receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000 });
  });
  return { fake, root };
}

it('counts the unclaimed conversations in the tab title', () => {
  const { fake, root } = startWelcomed();
  act(() => {
    fake.last().receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2' }), summary({ id: 'k3', status: 'active', agent: ME })] });
  });
  expect(document.title).toBe('(2) waiting · Kohtaamo console');
  expect(root.textContent).toContain('Aino (demo)');
  act(() => fake.last().receive({ type: 'queue', conversations: [] }));
  expect(document.title).toBe('Kohtaamo console');
});

it('counts the visitor messages the agent has not seen in the tab title, also in the open conversation while they look away', () => {
  const { fake, root } = startWelcomed();
  const mine = (id: string) => summary({ id, status: 'active', agent: ME, questions: [`Kysymys ${id}`] });
  act(() => {
    fake.last().receive({ type: 'queue', conversations: [summary({ id: 'k0' }), mine('k1'), mine('k2')] });
    fake.last().receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Onko siellä ketään?')] });
  });
  expect(document.title).toBe('(2) 1 waiting, 1 new message · Kohtaamo console');

  // Reading it clears it.
  act(() => root.querySelector<HTMLButtonElement>('.queue-item.active .queue-open')?.click());
  expect(document.title).toBe('(1) waiting · Kohtaamo console');

  // In another tab, a reply in the open conversation is new until the agent comes back.
  act(() => {
    fake.last().receive({ type: 'queue', conversations: [mine('k1'), mine('k2')] });
    fake.setVisible(false);
    fake.last().receive({ type: 'events', conversationId: 'k1', events: [textEvent(6, 'visitor', 'Haloo?')] });
    fake.last().receive({ type: 'events', conversationId: 'k2', events: [textEvent(5, 'visitor', 'Hei'), textEvent(6, 'visitor', 'Hei?')] });
  });
  expect(document.title).toBe('(3) new messages · Kohtaamo console');
  act(() => fake.setVisible(true));
  expect(document.title).toBe('(2) new messages · Kohtaamo console');
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
    expect(fake.visibilityListeners.size).toBe(0);
  } finally {
    vi.useRealTimers();
  }
});

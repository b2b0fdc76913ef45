import { act } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { CONSOLE_DEFAULTS } from '../config';
import { CHIME_GAP_MS } from '../model/sound';
import { ME, startWelcomed, stopConsole, summary, textEvent } from '../test-support';

beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
afterEach(() => {
  stopConsole();
  vi.useRealTimers();
});

function startWithSound(options: Parameters<typeof startWelcomed>[0] = {}) {
  const { fake, root } = startWelcomed(options);
  const soundButton = () => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Sound' || b.textContent === 'Äänimerkki')!;
  /** Later than the chime's gap, so the next news may ring again. */
  const later = () => vi.setSystemTime(Date.now() + CHIME_GAP_MS + 1);
  return { fake, root, soundButton, later };
}

it('chimes when a visitor starts waiting, in a tab the agent looks at and in a hidden one, without notifications allowed', () => {
  const { fake, soundButton, later } = startWithSound();
  expect(soundButton().getAttribute('aria-pressed')).toBe('true');
  // What waits at login is no news.
  act(() => fake.last().receive({ type: 'queue', conversations: [summary()] }));
  expect(fake.chimes).toHaveLength(0);
  act(() => fake.last().receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2' })] }));
  expect(fake.chimes).toHaveLength(1);
  later();
  act(() => fake.setVisible(false));
  act(() => fake.last().receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2' }), summary({ id: 'k3' })] }));
  expect(fake.chimes).toHaveLength(2);
  expect(fake.notifications).toEqual([]);
});

it('rings once for a burst of visitors, not once for each', () => {
  const { fake } = startWithSound();
  const waiting = [summary()];
  act(() => fake.last().receive({ type: 'queue', conversations: waiting }));
  for (let i = 1; i <= 5; i++) {
    waiting.push(summary({ id: `w${i}`, visitorId: `v${i}` }));
    act(() => fake.last().receive({ type: 'queue', conversations: [...waiting] }));
  }
  expect(fake.chimes).toHaveLength(1);
});

it("chimes for the next visitor after the agent's clock is set back, not once it has caught up", () => {
  const { fake } = startWithSound();
  act(() => fake.last().receive({ type: 'queue', conversations: [] }));
  act(() => fake.last().receive({ type: 'queue', conversations: [summary()] }));
  expect(fake.chimes).toHaveLength(1);
  // A laptop waking and syncing its clock: an hour back, and a little later the next visitor.
  vi.setSystemTime(Date.now() - 3_600_000 + CHIME_GAP_MS + 1);
  act(() => fake.last().receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2' })] }));
  expect(fake.chimes).toHaveLength(2);
});

it('chimes for a message in another of the agent\'s conversations, not in the one they are reading', () => {
  const { fake, root, later } = startWithSound();
  const mine = (id: string) => summary({ id, status: 'active', agent: ME, visitor: { name: `Matti ${id}` } });
  act(() => fake.last().receive({ type: 'queue', conversations: [mine('k1'), mine('k2')] }));
  act(() => [...root.querySelectorAll<HTMLButtonElement>('.queue-open')].find((b) => b.textContent?.includes('Matti k1'))?.click());
  act(() => fake.last().receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Hei')] }));
  expect(fake.chimes).toHaveLength(0);
  act(() => fake.last().receive({ type: 'events', conversationId: 'k2', events: [textEvent(5, 'visitor', 'Haloo?')] }));
  expect(fake.chimes).toHaveLength(1);
  // In another tab, the open one's message is news too.
  later();
  act(() => fake.setVisible(false));
  act(() => fake.last().receive({ type: 'events', conversationId: 'k1', events: [textEvent(6, 'visitor', 'Oletko siellä?')] }));
  expect(fake.chimes).toHaveLength(2);
});

it('does not chime once the agent turns the sound off, and the browser keeps the choice for the next login', () => {
  const { fake, soundButton, later } = startWithSound();
  act(() => fake.last().receive({ type: 'queue', conversations: [] }));
  act(() => soundButton().click());
  expect(soundButton().getAttribute('aria-pressed')).toBe('false');
  expect(fake.saved.get(CONSOLE_DEFAULTS.soundKey)).toBe('off');
  act(() => fake.last().receive({ type: 'queue', conversations: [summary({ id: 'k2' })] }));
  expect(fake.chimes).toHaveLength(0);
  // On again: it rings once, so the agent hears it.
  later();
  act(() => soundButton().click());
  expect(fake.chimes).toHaveLength(1);
  expect(fake.saved.get(CONSOLE_DEFAULTS.soundKey)).toBe('on');
  stopConsole();

  // Another tab, or after logging out, in Finnish: still off.
  const again = startWithSound({ settings: [[CONSOLE_DEFAULTS.soundKey, 'off']], language: 'fi-FI' });
  expect(again.soundButton().getAttribute('aria-pressed')).toBe('false');
  act(() => again.fake.last().receive({ type: 'queue', conversations: [] }));
  act(() => again.fake.last().receive({ type: 'queue', conversations: [summary({ id: 'k2' })] }));
  expect(again.fake.chimes).toHaveLength(0);
});

it('does not chime for waiting visitors while the agent has paused new chats', () => {
  const { fake, root } = startWithSound();
  act(() => fake.last().receive({ type: 'queue', conversations: [] }));
  act(() => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Pause new chats')?.click());
  act(() => fake.last().receive({ type: 'queue', conversations: [summary({ id: 'k2' })] }));
  expect(fake.chimes).toHaveLength(0);
});

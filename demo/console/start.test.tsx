import { act } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { QUEUE_TAG } from './model/alerts';
import { createConsole } from './model/console';
import type { ConversationEvent } from '../../protocol/events';
import { fakeEnv, ME, startWelcomed, stopConsole, summary, textEvent } from './test-support';

afterEach(stopConsole);

it('counts the unclaimed conversations in the tab title', () => {
  const { fake, root } = startWelcomed();
  act(() => {
    fake.last().receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2' }), summary({ id: 'k3', status: 'active', agent: ME })] });
  });
  expect(document.title).toBe('(2) waiting · Kohtaamo console');
  expect(root.textContent).toContain('Aino (demo)');
  // A visitor who left is nobody to serve: the title, like the notifications, leaves them out.
  act(() => fake.last().receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2', visitorLeft: 1_000 })] }));
  expect(document.title).toBe('(1) waiting · Kohtaamo console');
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

it('asks once to notify, then tells an agent in another tab of a new waiting visitor and of a message in their chat', async () => {
  const { fake, root } = startWelcomed();
  const button = () => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Notify me of new chats');
  await act(async () => button()?.click());
  expect(fake.notifier.permission).toBe('granted');
  expect(button()).toBeUndefined();

  const mine = summary({ id: 'k1', status: 'active', agent: ME, visitor: { name: 'Matti' } });
  const k2 = summary({ id: 'k2', questions: ['Voiko laskun maksaa osissa?'] });
  // What waits at login is on screen when the agent looks: no news, even in another tab.
  act(() => fake.setVisible(false));
  act(() => fake.last().receive({ type: 'queue', conversations: [summary(), mine] }));
  act(() => {
    fake.last().receive({ type: 'queue', conversations: [summary(), k2, mine] });
    fake.last().receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Onko siellä ketään?')] });
  });
  expect(fake.notifications.map(({ title, body, tag }) => ({ title, body, tag }))).toEqual([
    { title: '2 visitors waiting', body: 'Voiko laskun maksaa osissa?', tag: QUEUE_TAG },
    { title: 'Matti', body: 'Onko siellä ketään?', tag: 'k1' },
  ]);
  // The agent looking at the console needs no notification.
  act(() => fake.setVisible(true));
  act(() => fake.last().receive({ type: 'queue', conversations: [summary(), k2, summary({ id: 'k3' }), mine] }));
  expect(fake.notifications).toHaveLength(2);
  // A click shows that conversation.
  act(() => fake.notifications[0]!.onClick());
  expect(root.querySelector('[aria-current=true]')?.textContent).toContain('Voiko laskun maksaa osissa?');
});

it('keeps one notification for the queue, which each new visitor replaces: ten in a burst are not ten', () => {
  const { fake, root } = startWelcomed({ permission: 'granted' });
  act(() => fake.setVisible(false));
  const waiting = [summary()];
  act(() => fake.last().receive({ type: 'queue', conversations: waiting }));
  for (let i = 1; i <= 10; i++) {
    waiting.push(summary({ id: `w${i}`, visitorId: `v${i}`, questions: [`Kysymys ${i}`] }));
    act(() => fake.last().receive({ type: 'queue', conversations: [...waiting] }));
  }
  expect(new Set(fake.notifications.map((n) => n.tag))).toEqual(new Set([QUEUE_TAG]));
  expect(fake.notifications.at(-1)).toMatchObject({ title: '11 visitors waiting', body: 'Kysymys 10' });
  // It names the newest, and opens that one.
  act(() => fake.notifications.at(-1)!.onClick());
  expect(root.querySelector('[aria-current=true]')?.textContent).toContain('Kysymys 10');
});

it('tells an agent who paused new chats of no waiting visitor, but still of a message in their own chat', () => {
  const { fake, root } = startWelcomed({ permission: 'granted' });
  const mine = summary({ id: 'k1', status: 'active', agent: ME, visitor: { name: 'Matti' } });
  act(() => fake.last().receive({ type: 'queue', conversations: [mine] }));
  act(() => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Pause new chats')?.click());
  act(() => fake.setVisible(false));
  act(() => {
    fake.last().receive({ type: 'queue', conversations: [mine, summary({ id: 'k2', questions: ['Lahjakortti?'] })] });
    fake.last().receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Haloo?')] });
  });
  expect(fake.notifications.map(({ title, body }) => ({ title, body }))).toEqual([{ title: 'Matti', body: 'Haloo?' }]);
  // Back from lunch: who came meanwhile is in the queue, no news; who comes now is.
  act(() => [...root.querySelectorAll('button')].find((b) => b.textContent === 'Pause new chats')?.click());
  act(() => fake.last().receive({ type: 'queue', conversations: [mine, summary({ id: 'k2', questions: ['Lahjakortti?'] }), summary({ id: 'k3', questions: ['Palautus?'] })] }));
  expect(fake.notifications.map(({ title, body }) => ({ title, body }))).toEqual([
    { title: 'Matti', body: 'Haloo?' },
    { title: '2 visitors waiting', body: 'Palautus?' },
  ]);
});

it('keeps the focus in the top bar once the agent has answered the browser and the Notify button goes', async () => {
  const { root } = startWelcomed();
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Notify me of new chats')!;
  button.focus();
  await act(async () => button.click());
  expect(button.isConnected).toBe(false);
  // Where Tab would have gone next.
  expect(document.activeElement?.textContent).toBe('Suomeksi');
});

it('does not notify again, after a reload, of messages the conversation had before', async () => {
  const { fake, root } = startWelcomed({ permission: 'granted' });
  act(() => fake.setVisible(false));
  // The console comes back: its conversation had seven events, three of them the visitor's words.
  const mine = summary({ id: 'k1', status: 'active', agent: ME, visitor: { name: 'Matti' }, lastSeq: 7 });
  act(() => fake.last().receive({ type: 'queue', conversations: [mine] }));
  act(() => fake.last().receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Hei'), textEvent(6, 'visitor', 'Haloo?')] }));
  act(() => fake.last().receive({ type: 'events', conversationId: 'k1', events: [textEvent(7, 'visitor', 'Odotan')] }));
  expect(fake.notifications).toEqual([]);
  act(() => fake.last().receive({ type: 'events', conversationId: 'k1', events: [textEvent(8, 'visitor', 'Vieläkö odotan?')] }));
  expect(fake.notifications.map(({ title, body }) => ({ title, body }))).toEqual([{ title: 'Matti', body: 'Vieläkö odotan?' }]);
  expect(root.textContent).toContain('Matti');
});

it('does not tell again, after a reload, that a colleague passed the agent a conversation', () => {
  const { fake } = startWelcomed({ permission: 'granted' });
  act(() => fake.setVisible(false));
  const passed: ConversationEvent = { seq: 5, id: 'j', at: 0, role: 'system', body: { kind: 'joined', agent: ME.name, passed: true, from: 'Eero' } };
  act(() => fake.last().receive({ type: 'queue', conversations: [summary({ id: 'k1', status: 'active', agent: ME, lastSeq: 5 })] }));
  act(() => fake.last().receive({ type: 'events', conversationId: 'k1', events: [passed] }));
  expect(fake.notifications).toEqual([]);
});

it('never asks where the browser cannot notify, or the agent said no, and says where notifications are blocked', () => {
  const { root } = startWelcomed({ permission: 'unsupported' });
  expect(root.textContent).not.toContain('Notify me');
  expect(root.textContent).not.toContain('blocked');
  stopConsole();
  const denied = startWelcomed({ permission: 'denied' });
  expect(denied.root.textContent).not.toContain('Notify me');
  expect(denied.root.querySelector('.topbar')?.textContent).toContain("Notifications are blocked in this browser's settings");
  stopConsole();
  const finnish = startWelcomed({ permission: 'denied', language: 'fi-FI' });
  expect(finnish.root.querySelector('.topbar')?.textContent).toContain('Ilmoitukset on estetty selaimen asetuksissa');
});

it('says so in the button\'s place, with the focus on it, when the agent blocks notifications at the browser\'s question', async () => {
  const { fake, root } = startWelcomed();
  fake.notifier.answer = 'denied';
  const button = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Notify me of new chats')!;
  button.focus();
  await act(async () => button.click());
  expect(button.isConnected).toBe(false);
  expect(document.activeElement?.textContent).toBe("Notifications are blocked in this browser's settings");
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
      fake.last().receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000, emailsReplies: false });
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

it('tells an agent in another tab that a colleague passed them a conversation, and not of one they took themselves', () => {
  const { fake } = startWelcomed({ permission: 'granted' });
  act(() => fake.setVisible(false));
  const at = Date.UTC(2026, 10, 23, 20, 5);
  const joined = (seq: number, body: { from?: string; passed?: true }) => ({ seq, id: `j${seq}`, at, role: 'system' as const, body: { kind: 'joined' as const, agent: ME.name, ...body } });
  act(() => fake.last().receive({ type: 'queue', conversations: [summary({ id: 'k1', status: 'active', agent: ME })] }));
  const passed = summary({ id: 'k2', status: 'active', agent: ME, questions: ['Saako laskun osissa?'], lastSeq: 6 });
  const claimed = summary({ id: 'k3', status: 'active', agent: ME, lastSeq: 5 });
  act(() => fake.last().receive({ type: 'queue', conversations: [summary({ id: 'k1', status: 'active', agent: ME }), passed, claimed] }));
  // Nothing yet: how they became the agent's comes with their events.
  expect(fake.notifications).toEqual([]);
  act(() => {
    fake.last().receive({ type: 'events', conversationId: 'k2', events: [textEvent(4, 'visitor', 'Hei'), joined(5, {}), joined(6, { from: 'Eero', passed: true })] });
    fake.last().receive({ type: 'events', conversationId: 'k3', events: [joined(5, {})] });
  });
  expect(fake.notifications.map(({ title, body, tag }) => ({ title, body, tag }))).toEqual([{ title: 'Eero passed you a conversation', body: 'Saako laskun osissa?', tag: 'k2' }]);
  // Once is enough: the next queue frame is no news.
  act(() => fake.last().receive({ type: 'queue', conversations: [passed, claimed] }));
  expect(fake.notifications).toHaveLength(1);
});

it('tells of a pass in a conversation too long for one replay batch, from the batch the pass comes in', () => {
  const { fake } = startWelcomed({ permission: 'granted' });
  act(() => fake.setVisible(false));
  const joined = (seq: number, body: { from?: string; passed?: true }): ConversationEvent => ({ seq, id: `j${seq}`, at: 0, role: 'system', body: { kind: 'joined', agent: ME.name, ...body } });
  act(() => fake.last().receive({ type: 'queue', conversations: [] }));
  const long = summary({ id: 'k2', status: 'active', agent: ME, questions: ['Saako laskun osissa?'], lastSeq: 260 });
  act(() => fake.last().receive({ type: 'queue', conversations: [long] }));
  // The server replays 200 events at a time: the first batch holds Eero's own claim, long ago.
  const talk = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => textEvent(from + i, i % 2 ? 'agent' : 'visitor', `viesti ${from + i}`));
  act(() => fake.last().receive({ type: 'events', conversationId: 'k2', events: [...talk(1, 4), joined(5, {}), ...talk(6, 200)] }));
  expect(fake.notifications).toEqual([]);
  act(() => fake.last().receive({ type: 'events', conversationId: 'k2', events: [...talk(201, 258), joined(259, { from: 'Eero', passed: true }), textEvent(260, 'visitor', 'Hei?')] }));
  expect(fake.notifications.map(({ title, body, tag }) => ({ title, body, tag }))).toEqual([
    { title: 'Eero passed you a conversation', body: 'Saako laskun osissa?', tag: 'k2' },
  ]);
});

it("titles the tab and marks the page in the agent's language, so a screen reader speaks Finnish as Finnish", () => {
  const { fake, root } = startWelcomed({ language: 'fi-FI' });
  act(() => fake.last().receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2' })] }));
  expect(document.title).toBe('(2) odottaa · Kohtaamo-konsoli');
  expect(document.documentElement.lang).toBe('fi');
  act(() => [...root.querySelectorAll('button')].find((b) => b.textContent === 'In English')?.click());
  expect(document.title).toBe('(2) waiting · Kohtaamo console');
  expect(document.documentElement.lang).toBe('en');
});

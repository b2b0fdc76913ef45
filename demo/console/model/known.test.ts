// What the console keeps of conversations over a long shift: those it needs, not every one that
// ever passed through the queue (a soak test found 2,027 of them, ~1.6 KB each, after a day).
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentServerMessage } from '../../../protocol/agent';
import { CONSOLE_DEFAULTS } from '../config';
import { fakeEnv, ME, summary, textEvent } from '../test-support';
import { createConsole } from './console';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((stop) => stop()));

function startConsole(stored: [string, string][] = []) {
  const fake = fakeEnv({ stored });
  const model = createConsole(fake.env);
  stops.push(model.start());
  fake.last().open();
  const receive = (...messages: AgentServerMessage[]) => messages.forEach((m) => fake.last().receive(m));
  receive({ type: 'welcome', agent: ME, heartbeatMs: 30_000, emailsReplies: false });
  return { fake, model, receive };
}

/** A queue of `size` visitors; each frame one more comes and the oldest goes (claimed and closed). */
function passThrough(receive: (m: AgentServerMessage) => void, from: number, count: number, size = 10): void {
  for (let n = from; n < from + count; n++) {
    const conversations = Array.from({ length: size }, (_, i) => summary({ id: `q${n + i}`, visitorId: `v${n + i}`, brief: true }));
    receive({ type: 'queue', conversations, waiting: size });
  }
}

describe('what the console knows of conversations', () => {
  it('keeps a bounded number of summaries however many conversations pass through the queue', () => {
    const { model, receive } = startConsole();
    passThrough(receive, 0, 2_000);
    expect(Object.keys(model.summaries.value).length).toBe(10);
    expect(model.queue.value.map((c) => c.id)).toContain('q2008');
  });

  it('keeps what is on screen: the open conversation, its visitor’s earlier ones, the search results, the agent’s own', () => {
    const { fake, model, receive } = startConsole();
    const mine = summary({ id: 'mine', visitorId: 'vm', status: 'active', agent: ME });
    receive({ type: 'queue', conversations: [summary({ id: 'open', visitorId: 'vo' }), mine], waiting: 1 });
    model.select('open');
    receive(
      { type: 'events', conversationId: 'open', events: [textEvent(5, 'visitor', 'Hei')] },
      { type: 'history', visitorId: 'vo', conversations: [summary({ id: 'earlier', visitorId: 'vo', status: 'closed' })] },
      { type: 'visitor', conversationId: 'open', online: true },
    );
    model.search.find('lahjakortti');
    receive({ type: 'search', query: 'lahjakortti', conversations: [summary({ id: 'found', visitorId: 'vf', status: 'closed' })] });
    // The open one is closed and leaves the queue; the agent's own stays.
    receive({ type: 'summary', conversation: summary({ id: 'open', visitorId: 'vo', status: 'closed' }) });
    passThrough((m) => receive(m.type === 'queue' ? { ...m, conversations: [...m.conversations, mine] } : m), 0, 50);

    expect(Object.keys(model.summaries.value).sort()).toEqual(['earlier', 'found', 'mine', 'open', ...Array.from({ length: 10 }, (_, i) => `q${49 + i}`)].sort());
    expect(model.selected.value?.status).toBe('closed');
    expect(model.transcripts.value.open?.map((e) => e.seq)).toEqual([5]);
    expect(model.histories.value.vo?.map((c) => c.id)).toEqual(['earlier']);
    expect(model.visitors.value.open).toEqual({ online: true });
    expect(fake.last().sentOf('open').map((m) => m.conversationId)).toEqual(['mine', 'open']);

    // Once the agent looks elsewhere and the search is cleared, those go too.
    model.select('q60');
    model.search.clear();
    passThrough(receive, 100, 1);
    expect(model.summaries.value.found).toBeUndefined();
    // Followed on this connection: its transcript is still streamed, so it stays (with its visitor's history) until a reconnect.
    expect(model.summaries.value.open).toBeDefined();
    expect(model.histories.value.vo).toBeDefined();
  });

  it('keeps read marks only for the conversations it still knows, in the tab’s storage too', () => {
    // A previous page of the tab read 500 conversations, long closed; the agent was reading `open`.
    const marks = Object.fromEntries([...Array.from({ length: 500 }, (_, i) => [`old${i}`, 3]), ['q0', 4], ['open', 6]]);
    const { fake, model, receive } = startConsole([
      [CONSOLE_DEFAULTS.readKey, JSON.stringify(marks)],
      [CONSOLE_DEFAULTS.selectedKey, 'open'],
    ]);
    passThrough(receive, 0, 1);
    expect(JSON.parse(fake.store.get(CONSOLE_DEFAULTS.readKey) ?? '{}')).toEqual({ q0: 4, open: 6 });
    // What the agent read is still read: no old message counts as new.
    receive({ type: 'events', conversationId: 'q0', events: [textEvent(4, 'visitor', 'Hei')] });
    expect(model.unread('q0')).toBe(0);
  });
});

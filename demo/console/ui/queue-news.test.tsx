// What an agent with a screen reader hears of the queue while the console is in front of them:
// no desktop notification comes then, so the page says it, once per event.
import { fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../../protocol/events';
import { renderConsole, stopConsoles } from '../test-render';
import { ME, summary, textEvent } from '../test-support';

afterEach(stopConsoles);

const region = () => {
  const p = document.getElementById('queue-news');
  if (!p) throw new Error('no news region');
  return p;
};
/** What the region says now, without the space that makes a repeat a change. */
const said = () => region().textContent?.trim() ?? '';

const mine = (id: string, name: string, question: string) => summary({ id, visitorId: `v-${id}`, status: 'active', agent: ME, visitor: { name }, questions: [question] });

describe('news of the queue, for a screen reader', () => {
  it('says a new visitor is waiting, in a region that was there before, and says it once', () => {
    const c = renderConsole();
    c.connect();
    const before = region();
    expect(before.getAttribute('aria-live')).toBe('polite');
    // What waits at login is on screen: no news.
    c.receive({ type: 'queue', conversations: [summary()] });
    expect(said()).toBe('');
    c.receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2', visitorId: 'v2', questions: ['Voiko laskun maksaa osissa?'] })] });
    expect(said()).toBe('New visitor waiting: Voiko laskun maksaa osissa?');
    expect(region()).toBe(before);
    const text = region().textContent;
    // The next queue frame, the wait times ticking: nothing new to say.
    c.receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2', visitorId: 'v2', questions: ['Voiko laskun maksaa osissa?'] })] });
    expect(region().textContent).toBe(text);
  });

  it("says what a newcomer wants as their queue card's title does: their first words where they asked the bot nothing", () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [] });
    c.receive({ type: 'queue', conversations: [summary({ visitor: { name: 'Matti' }, questions: [], firstText: 'Sohvani toimitus ei tullut' })] });
    expect(said()).toBe('New visitor waiting: Sohvani toimitus ei tullut');
  });

  it('says nothing of waiting visitors to an agent who paused new chats', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [summary()] });
    fireEvent.click(screen.getByRole('button', { name: 'Pause new chats' }));
    c.receive({ type: 'queue', conversations: [summary(), summary({ id: 'k2', visitorId: 'v2', questions: ['Voiko laskun maksaa osissa?'] })] });
    expect(said()).toBe('');
  });

  it('says a visitor wrote in another of the agent\'s conversations, and nothing of the one open', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [mine('k1', 'Matti', 'Missä tilaukseni on?'), mine('k2', 'Maija', 'Lahjakortti?')] });
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(4, 'visitor', 'Hei')] }, { type: 'events', conversationId: 'k2', events: [textEvent(4, 'visitor', 'Hei')] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(5, 'visitor', 'Onko siellä ketään?')] });
    // The open conversation's transcript says it.
    expect(said()).toBe('');
    c.receive({ type: 'events', conversationId: 'k2', events: [textEvent(5, 'visitor', 'Onko lahjakortti voimassa?')] });
    expect(said()).toBe('Maija wrote in another conversation, “Lahjakortti?”: Onko lahjakortti voimassa?');
    // Again: the same words, still a change, so it is read again.
    const first = region().textContent;
    c.receive({ type: 'events', conversationId: 'k2', events: [textEvent(6, 'visitor', 'Onko lahjakortti voimassa?')] });
    expect(said()).toBe('Maija wrote in another conversation, “Lahjakortti?”: Onko lahjakortti voimassa?');
    expect(region().textContent).not.toBe(first);
  });

  it('says in which conversation an anonymous visitor wrote, and what, shortened as a line, in English and in Finnish', () => {
    const anonymous = (id: string, question: string) => summary({ id, visitorId: `v-${id}`, status: 'active', agent: ME, questions: [question] });
    const long = `Tilaus 4411 tuli rikki, ${'sohvan jalka on haljennut ja '.repeat(8)}mitä teen?`;
    for (const [language, expected] of [
      ['en-US', 'Anonymous visitor wrote in another conversation, “Lahjakortti?”: '],
      ['fi-FI', 'Nimetön kävijä kirjoitti toisessa keskustelussa, ”Lahjakortti?”: '],
    ] as const) {
      const c = renderConsole({ language });
      c.connect();
      c.receive({ type: 'queue', conversations: [anonymous('k1', 'Missä tilaukseni on?'), anonymous('k2', 'Lahjakortti?')] });
      c.receive({ type: 'events', conversationId: 'k1', events: [textEvent(4, 'visitor', 'Hei')] }, { type: 'events', conversationId: 'k2', events: [textEvent(4, 'visitor', 'Hei')] });
      fireEvent.click(screen.getAllByRole('button', { name: /Missä tilaukseni on/ })[0]!);
      c.receive({ type: 'events', conversationId: 'k2', events: [textEvent(5, 'visitor', long)] });
      expect(said().startsWith(`${expected}Tilaus 4411 tuli rikki, sohvan jalka`)).toBe(true);
      expect(said().endsWith('…')).toBe(true);
      expect(said().length).toBeLessThan(expected.length + 110);
      stopConsoles();
    }
  });

  it('says a colleague passed the agent a conversation, and nothing of a visitor waiting again in the conversation open', () => {
    const c = renderConsole();
    c.connect();
    c.receive({ type: 'queue', conversations: [mine('k1', 'Matti', 'Missä tilaukseni on?')] });
    fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
    // Returned to the queue while the agent has it open: the transcript says so.
    c.receive({ type: 'queue', conversations: [summary({ visitor: { name: 'Matti' } })] });
    expect(said()).toBe('');
    const passed: ConversationEvent = { seq: 6, id: 'j', at: 0, role: 'system', body: { kind: 'joined', agent: ME.name, passed: true, from: 'Eero' } };
    c.receive({ type: 'queue', conversations: [summary({ visitor: { name: 'Matti' } }), { ...mine('k2', 'Maija', 'Lahjakortti?'), lastSeq: 6 }] });
    c.receive({ type: 'events', conversationId: 'k2', events: [textEvent(5, 'visitor', 'Hei'), passed] });
    // Which one, by its card's title, as the notification says it.
    expect(said()).toBe('Eero passed you a conversation, “Lahjakortti?”');
  });

  it('says it in Finnish to a Finnish agent, and does not say it again on a switch of language', () => {
    const c = renderConsole({ language: 'fi-FI' });
    c.connect();
    c.receive({ type: 'queue', conversations: [] });
    c.receive({ type: 'queue', conversations: [summary({ questions: ['Voinko palauttaa?'] }), mine('k2', 'Maija', 'Lahjakortti?')] });
    expect(said()).toBe('Uusi kävijä odottaa: Voinko palauttaa?');
    c.receive({ type: 'events', conversationId: 'k2', events: [textEvent(5, 'visitor', 'Hei')] });
    c.receive({ type: 'events', conversationId: 'k2', events: [textEvent(6, 'visitor', 'Haloo?')] });
    expect(said()).toBe('Maija kirjoitti toisessa keskustelussa, ”Lahjakortti?”: Haloo?');
    fireEvent.click(screen.getByRole('button', { name: 'In English' }));
    expect(said()).toBe('');
  });
});

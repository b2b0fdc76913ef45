// What the transcript says the bot did with each question: what the visitor was shown, not what
// the FAQ search would have decided for a question they typed and never sent.
import { fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { ConversationEvent } from '../../../protocol/events';
import { renderConsole, stopConsoles } from '../test-render';
import { EVENTS_DAY, ME, summary } from '../test-support';

afterEach(stopConsoles);
beforeEach(() => vi.setSystemTime(EVENTS_DAY));
afterEach(() => vi.useRealTimers());

const at = Date.UTC(2026, 10, 23, 20, 0);
const asked = (seq: number, query: string, extra: object = {}): ConversationEvent => ({
  seq, id: `q${seq}`, at, role: 'visitor',
  body: { kind: 'bot.query', query, decision: 'answer', results: [{ id: 'refund-fi', question: 'Milloin saan rahat palautuksesta?', score: 0.89 }], ...extra },
});

function opened(events: ConversationEvent[], lang?: 'fi') {
  const c = renderConsole();
  c.connect();
  c.receive({ type: 'queue', conversations: [summary({ status: 'active', agent: ME })] });
  if (lang) fireEvent.click(screen.getByRole('button', { name: 'Suomeksi' }));
  fireEvent.click(screen.getByRole('button', { name: /Missä tilaukseni on/ }));
  c.receive({ type: 'events', conversationId: 'k1', events });
  return c;
}
const decisions = () => [...screen.getByRole('log').querySelectorAll('.decision')].map((p) => p.textContent);

it('says a question typed but not sent was not answered, and an older stored one as before', () => {
  const c = opened([asked(1, 'milloin saan rahat'), asked(2, 'palautin huovan, milloin saan rahat', { unsent: true })]);
  expect(decisions()).toEqual(['Bot answered', 'Typed, not sent: the visitor asked for a person instead, and no answer was shown']);
  fireEvent.click(screen.getByRole('button', { name: 'Download transcript' }));
  expect(c.downloads[0]?.text).toContain('asked the bot: “palautin huovan, milloin saan rahat” (Typed, not sent: the visitor asked for a person instead, and no answer was shown)');
});

it('says so in Finnish too, also for a wish for a person typed but not sent, and the download in words, not codes', () => {
  const c = opened([asked(1, 'palautin huovan, milloin saan rahat', { unsent: true }), asked(2, 'haluan puhua ihmiselle', { unsent: true, decision: 'none', intent: 'handoff', results: [] }), asked(3, 'milloin saan rahat')], 'fi');
  expect(decisions()).toEqual([
    'Kirjoitettu, ei lähetetty: kävijä pyysi ihmistä sen sijaan, eikä vastausta näytetty',
    'Kirjoitettu, ei lähetetty: kävijä pyysi ihmistä sen sijaan, eikä vastausta näytetty',
    'Botti vastasi',
  ]);
  fireEvent.click(screen.getByRole('button', { name: 'Lataa keskustelu' }));
  expect(c.downloads[0]?.text).toContain('kysyi botilta: ”milloin saan rahat” (Botti vastasi)');
});

it("gives only the first FAQ match the search's probability: the others' scores are on another scale", () => {
  const results = [
    { id: 'payment-en', question: 'Which payment methods do you accept?', score: 0.25 },
    { id: 'invoice-en', question: 'Can I pay by invoice?', score: 0.46 },
    { id: 'gift-en', question: 'Do you sell gift cards?', score: 0.23 },
  ];
  const c = opened([asked(1, 'can I pay with klarna', { decision: 'suggest', results })]);
  const list = screen.getByRole('list', { name: 'Top FAQ matches' });
  expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
    'Which payment methods do you accept? 25 % likely right',
    'Can I pay by invoice?',
    'Do you sell gift cards?',
  ]);
  fireEvent.click(screen.getByRole('button', { name: 'Download transcript' }));
  expect(c.downloads[0]?.text).toContain(
    ['(Bot suggested answers)', '    1. Which payment methods do you accept? (25 % likely right)', '    2. Can I pay by invoice?', '    3. Do you sell gift cards?', ''].join('\n'),
  );
});

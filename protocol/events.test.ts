import { describe, expect, it } from 'vitest';
import { parseVisitorClientMessage, parseVisitorServerMessage } from './parse';

const page = { url: 'https://kauppa.example/', title: 'Kauppa' };

describe('an FAQ question with a control character, stored before handoffs refused one', () => {
  // Old FAQ files were taken with them, and SQLite kept even U+0000. Checked by the handoff's
  // rule, the widget refused the whole events frame a reconnect replays, the agent's reply in it
  // with it, and never moved past it.
  const question = 'Toimitus\u0007aika\u0000?';
  const steps = [
    { at: 1, body: { kind: 'bot.query', query: 'toimitusaika', decision: 'answer', results: [{ id: 'delivery', question, score: 0.9 }] } },
    { at: 2, body: { kind: 'bot.answer', faqId: 'delivery', question } },
  ];

  it('is still sent to the widget, with the agent reply after it', () => {
    const frame = {
      type: 'events',
      conversationId: 'c1',
      events: [
        ...steps.map((step, i) => ({ seq: i + 1, id: `b${i}`, at: step.at, role: 'bot', body: step.body })),
        { seq: 3, id: 'h1', at: 3, role: 'system', body: { kind: 'handoff', reason: 'not_helpful', page, lang: 'fi' } },
        { seq: 4, id: 'am1', at: 4, role: 'agent', name: 'Aino', body: { kind: 'text', text: 'Paketti on matkalla.' } },
      ],
    };
    const parsed = parseVisitorServerMessage(JSON.stringify(frame));
    expect(parsed).toMatchObject({ ok: true, value: { type: 'events' } });
    if (!parsed.ok || parsed.value.type !== 'events') return;
    expect(parsed.value.events.map((e) => e.body)).toEqual(frame.events.map((e) => e.body));
  });

  it.each([
    ['bot.query', 'handoff.steps.0.body.results.0.question'],
    ['bot.answer', 'handoff.steps.0.body.question'],
  ])('is refused in a %s step a handoff brings in, saying where', (kind, where) => {
    const step = steps.find((s) => s.body.kind === kind)!;
    const handoff = { type: 'handoff', id: 'h1', reason: 'not_helpful', lang: 'fi', page, steps: [step] };
    expect(parseVisitorClientMessage(JSON.stringify(handoff))).toEqual({ ok: false, code: 'bad_message', id: 'h1', message: `${where}: must not contain control characters` });
  });
});

describe('a question typed but not sent, as a handoff brings it in', () => {
  const step = (extra: object) => ({ at: 1, body: { kind: 'bot.query', query: 'palautin huovan', decision: 'answer', results: [{ id: 'refund', question: 'Milloin saan rahat?', score: 0.89 }], ...extra } });
  const handoff = (extra: object) => ({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page, steps: [step(extra)] });

  it('keeps that it was not sent, for the agent', () => {
    expect(parseVisitorClientMessage(JSON.stringify(handoff({ unsent: true })))).toEqual({ ok: true, value: handoff({ unsent: true }) });
  });

  it('reads a step without the mark, as every earlier one is, as sent', () => {
    expect(parseVisitorClientMessage(JSON.stringify(handoff({})))).toEqual({ ok: true, value: handoff({}) });
    expect(parseVisitorClientMessage(JSON.stringify(handoff({ unsent: false })))).toMatchObject({ ok: false, code: 'bad_message' });
  });
});

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBotHistory } from './bot-history';
import { backends } from './test-backends';
import { handoffInput } from '../test-support';
import type { EventDraft } from './types';

const handoff = (conversationId: string, events: EventDraft[]) => handoffInput('v1', conversationId, 10, events);

describe.each(backends.filter((b) => b.available))('what visitors asked the bot, in $name', ({ make }) => {
  it("reads each handed-off conversation's bot steps in order and its agent's FAQ match, beside a store that is still open", async () => {
    const backend = await make();
    const store = await backend.open();
    await store.createVisitor('v1', 'hash', 1);
    await store.handoff(
      handoff('c1', [
        { clientId: 's1', at: 1, role: 'visitor', body: { kind: 'bot.query', query: 'palautus', decision: 'answer', results: [{ id: 'returns-fi', question: 'Palautus?', score: 0.9 }] } },
        { clientId: 's2', at: 2, role: 'bot', body: { kind: 'bot.answer', faqId: 'returns-fi', question: 'Palautus?' } },
        { clientId: 's3', at: 3, role: 'visitor', body: { kind: 'bot.feedback', faqId: 'returns-fi', helpful: false } },
      ]),
    );
    await store.closeConversation('c1', 'visitor', null, 'x1', 20);
    await store.handoff(handoff('c2', []));
    await store.setFaqMatch('c1', { faqId: 'returns-fi', agent: 'Aino', at: 30 });

    const history = await backend.maintenance.botHistory();
    expect(history.map((c) => c.conversationId)).toEqual(['c1', 'c2']);
    expect(history[0]!.steps.map((s) => s.body.kind)).toEqual(['bot.query', 'bot.answer', 'bot.feedback']);
    expect(history[0]!.steps[2]).toEqual({ at: 3, body: { kind: 'bot.feedback', faqId: 'returns-fi', helpful: false } });
    expect(history[1]!.steps).toEqual([]);
    // What an agent said the conversation needed; nothing where no agent said.
    expect(history.map((c) => c.faqMatch)).toEqual(['returns-fi', undefined]);
    await store.close();
    await backend.remove();
  });
});

describe('readBotHistory', () => {
  it('refuses a data directory without a database', () => {
    expect(() => readBotHistory(join(tmpdir(), 'no-such-kohtaamo', 'kohtaamo.sqlite'))).toThrow();
  });
});

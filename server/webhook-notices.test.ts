import { describe, expect, it } from 'vitest';
import type { ConversationEvent, ConversationSummary } from '../protocol';
import { unattendedNotice, webhookNotices } from './webhook-notices';

const T = Date.UTC(2026, 10, 24, 9, 30);
const page = { url: 'https://kauppa.example/tilaus', title: 'Tilaus' };
const conversation = (over: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id: 'c_1', status: 'queued', visitorId: 'v_1', visitor: { name: 'Matti', email: 'matti@example.fi' }, createdAt: T, updatedAt: T,
  lang: 'fi', page, reason: 'no_answer', questions: ['Missä pakettini on?'], botAnswers: [], lastSeq: 4, previousConversations: 0, ...over,
});
const event = (seq: number, role: ConversationEvent['role'], body: ConversationEvent['body'], name?: string): ConversationEvent => ({
  seq, id: `x${seq}`, at: T + seq * 1000, role, body, ...(name ? { name } : {}),
});

const lines = (c: ConversationSummary, events: ConversationEvent[], staffed = true) => webhookNotices(c, events, staffed).map((n) => [n.type, n.text]);

describe('what the site is told', () => {
  it('that a visitor waits for a person, with what they asked, where, and whether anyone is online', () => {
    const handoff = [
      event(1, 'visitor', { kind: 'bot.query', query: 'Missä pakettini on?', decision: 'none', results: [] }),
      event(2, 'system', { kind: 'handoff', reason: 'no_answer', page, lang: 'fi' }),
    ];
    expect(lines(conversation(), handoff, false)).toEqual([
      ['conversation.queued', 'Matti (matti@example.fi) is waiting for a person (the FAQ had no answer): “Missä pakettini on?” on https://kauppa.example/tilaus. Nobody is online.'],
    ]);
    const [notice] = webhookNotices(conversation(), handoff, true);
    expect(notice).toMatchObject({ id: 'c_1.2', at: '2026-11-24T09:30:02.000Z', staffed: true, conversation: { id: 'c_1', createdAt: '2026-11-24T09:30:00.000Z' }, event: { seq: 2, body: { kind: 'handoff' } } });
    expect(notice?.conversation).not.toHaveProperty('lastSeq');
    // A handoff that joined a conversation an agent already has is no news of waiting.
    expect(lines(conversation({ status: 'active' }), handoff)).toEqual([]);
  });

  it('that a visitor waits again after an agent let go', () => {
    expect(lines(conversation({ visitor: {} }), [event(7, 'system', { kind: 'released', agent: 'Aino', away: true })], false)).toEqual([
      ['conversation.queued', 'A visitor is waiting again: Aino was offline too long. Nobody is online.'],
    ]);
    expect(lines(conversation({ visitor: {}, status: 'active' }), [event(8, 'agent', { kind: 'text', text: 'Hei' }, 'Aino')])).toEqual([
      ['conversation.message', 'Aino to a visitor: “Hei”'],
    ]);
  });

  it('of messages both ways, marking those still waiting for a person', () => {
    expect(lines(conversation({ visitor: { email: 'matti@example.fi' } }), [event(5, 'visitor', { kind: 'text', text: 'Vastatkaa sähköpostiin' })], false)).toEqual([
      ['conversation.message', 'matti@example.fi: “Vastatkaa sähköpostiin” (waiting for a person). Nobody is online.'],
    ]);
    const active = conversation({ status: 'active', visitor: { name: 'Matti' }, agent: { id: 'aino', name: 'Aino' } });
    expect(lines(active, [event(6, 'agent', { kind: 'text', text: 'Katsotaan!' }, 'Aino'), event(7, 'visitor', { kind: 'text', text: 'x'.repeat(300) })])).toEqual([
      ['conversation.message', 'Aino to Matti: “Katsotaan!”'],
      ['conversation.message', `Matti: “${'x'.repeat(199)}…”`],
    ]);
    expect(lines(active, [event(8, 'visitor', { kind: 'file', fileId: 'f_1', name: 'sohva.jpg', type: 'image/jpeg', size: 2048 })])).toEqual([
      ['conversation.message', 'Matti sent a file: “sohva.jpg”'],
    ]);
  });

  it("names the agent, not the visitor, as the sender of an agent's file", () => {
    const active = conversation({ status: 'active', visitor: { name: 'Matti' }, agent: { id: 'aino', name: 'Aino' } });
    const file = { kind: 'file', fileId: 'f_2', name: 'lasku.pdf', type: 'application/pdf', size: 10 } as const;
    expect(lines(active, [event(9, 'agent', file, 'Aino')])).toEqual([['conversation.message', 'Aino sent Matti a file: “lasku.pdf”']]);
    expect(lines(conversation({ status: 'active', visitor: {} }), [event(9, 'agent', file)])).toEqual([['conversation.message', 'An agent sent a visitor a file: “lasku.pdf”']]);
  });

  it('of closes and ratings, and of nothing else', () => {
    const closed = conversation({ status: 'closed', visitor: { name: 'Matti' }, agent: { id: 'aino', name: 'Aino' } });
    expect(lines(closed, [event(8, 'system', { kind: 'closed', by: 'agent' }), event(9, 'visitor', { kind: 'rating', score: 5, comment: 'Nopeaa apua' })])).toEqual([
      ['conversation.closed', 'The conversation with Matti was closed by Aino.'],
      ['conversation.rated', 'Matti rated the conversation 5/5: “Nopeaa apua”'],
    ]);
    expect(lines(closed, [event(9, 'system', { kind: 'closed', by: 'visitor' }), event(10, 'visitor', { kind: 'rating', score: 2 })])).toEqual([
      ['conversation.closed', 'The conversation with Matti was closed by the visitor.'],
      ['conversation.rated', 'Matti rated the conversation 2/5.'],
    ]);
    expect(lines(closed, [event(5, 'system', { kind: 'joined', agent: 'Aino' }), event(3, 'bot', { kind: 'bot.answer', faqId: 'x', question: 'Q' }), event(6, 'agent', { kind: 'note', text: 'Lupasin hyvityksen' })])).toEqual([]);
  });
});

describe('visitors left waiting', () => {
  const waiting = [
    conversation({ id: 'c_2', createdAt: T + 5 * 60_000, visitor: {}, questions: [] }),
    conversation({ id: 'c_1', lastSeq: 4 }),
    conversation({ id: 'c_3', status: 'active', agent: { id: 'aino', name: 'Aino' } }),
  ];

  it('says who waits, longest first, once nobody is online', () => {
    const notice = unattendedNotice(waiting, T + 12 * 60_000);
    expect(notice).toMatchObject({
      type: 'queue.unattended',
      staffed: false,
      at: '2026-11-24T09:42:00.000Z',
      text: '2 visitors are waiting for a person and nobody is online any more. Longest: Matti (matti@example.fi), waiting 12 min: “Missä pakettini on?”',
    });
    expect(notice?.conversations.map((c) => c.id)).toEqual(['c_1', 'c_2']);
    expect(unattendedNotice([waiting[2]!], T)).toBeNull();
  });

  it('lists them in the order agents take them, and counts a returned one’s wait from its return, not its handoff', () => {
    // c_0 came first, was served for 20 min and went back 2 min ago: it is taken first, but has waited least.
    const returned = conversation({ id: 'c_0', visitorId: 'v_0', createdAt: T - 30 * 60_000, queuedAt: T + 10 * 60_000, returned: true, visitor: { name: 'Liisa' }, questions: [] });
    const notice = unattendedNotice([...waiting, returned], T + 12 * 60_000);
    expect(notice?.conversations.map((c) => c.id)).toEqual(['c_0', 'c_1', 'c_2']);
    expect(notice?.text).toBe('3 visitors are waiting for a person and nobody is online any more. Longest: Matti (matti@example.fi), waiting 12 min: “Missä pakettini on?”');
    // Where it stands in the queue is not the site's business: the events say when it went back.
    expect(notice?.conversations[0]).not.toHaveProperty('queuedAt');
    expect(notice?.conversations[0]).not.toHaveProperty('returned');
  });

  it('has the same id on every server for the same queue, and a new one when the queue has moved', () => {
    const id = unattendedNotice(waiting, T)?.id;
    expect(id).toMatch(/^unattended\.[\w-]{22}$/);
    expect(unattendedNotice([...waiting].reverse(), T + 1000)?.id).toBe(id);
    expect(unattendedNotice([conversation({ id: 'c_1', lastSeq: 5 }), waiting[0]!], T)?.id).not.toBe(id);
  });
});

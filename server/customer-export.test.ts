import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../protocol';
import { customerExport } from './customer-export';

const T = Date.UTC(2026, 10, 24, 9, 30);
const summary: ConversationSummary = {
  id: 'c1', status: 'active', visitorId: 'v1', visitor: { email: 'matti@example.fi', verified: true }, createdAt: T, updatedAt: T + 60_000,
  lang: 'fi', page: { url: 'https://kauppa.example/', title: 'Kauppa' }, reason: 'asked_for_person', nowOn: { url: 'https://kauppa.example/kassa', title: 'Kassa' },
  questions: ['missä paketti'], botAnswers: [], agent: { id: 'aino-login', name: 'Aino' }, lastSeq: 2, lastText: 'Hei', previousConversations: 3,
  faqMatch: { faqId: null, agent: 'Aino', at: T + 120_000 },
};

describe('a customer export', () => {
  it('keeps what concerns the customer, in ISO times, and drops what only the server needs', () => {
    const doc = customerExport(
      {
        visitors: [{ id: 'v1', createdAt: T - 1000 }],
        conversations: [{
          summary,
          events: [
            { seq: 1, id: 'client-1', at: T, role: 'visitor', body: { kind: 'text', text: 'Hei' } },
            { seq: 2, id: 'client-2', at: T, role: 'visitor', body: { kind: 'file', fileId: 'f_1', name: 'kuitti.pdf', type: 'application/pdf', size: 9 } },
          ],
          files: [{ id: 'f_1', type: 'application/pdf', name: 'kuitti.pdf', bytes: Buffer.from('%PDF-1.7\n') }],
        }],
      },
      { email: 'matti@example.fi' },
      T + 3_600_000,
    );
    expect(doc).toEqual({
      format: 'kohtaamo-customer-export/1',
      exportedAt: '2026-11-24T10:30:00.000Z',
      request: { email: 'matti@example.fi' },
      visitors: [{ id: 'v1', firstSeen: '2026-11-24T09:29:59.000Z' }],
      conversations: [{
        id: 'c1', status: 'active', visitorId: 'v1', visitor: { email: 'matti@example.fi', verified: true },
        createdAt: '2026-11-24T09:30:00.000Z', updatedAt: '2026-11-24T09:31:00.000Z',
        lang: 'fi', page: { url: 'https://kauppa.example/', title: 'Kauppa' }, reason: 'asked_for_person', nowOn: { url: 'https://kauppa.example/kassa', title: 'Kassa' },
        questions: ['missä paketti'], botAnswers: [], agent: 'Aino', faqMatch: { faqId: null, agent: 'Aino', at: '2026-11-24T09:32:00.000Z' },
        events: [
          { seq: 1, at: '2026-11-24T09:30:00.000Z', role: 'visitor', body: { kind: 'text', text: 'Hei' } },
          { seq: 2, at: '2026-11-24T09:30:00.000Z', role: 'visitor', body: { kind: 'file', fileId: 'f_1', name: 'kuitti.pdf', type: 'application/pdf', size: 9 } },
        ],
        // The customer's own file back, bytes and all.
        files: [{ fileId: 'f_1', name: 'kuitti.pdf', type: 'application/pdf', base64: Buffer.from('%PDF-1.7\n').toString('base64') }],
      }],
    });
  });
});

describe('a customer export of an older database', () => {
  it('still comes out when a bot step was stored with a time past what a Date holds', () => {
    // An older server kept a step's time as the visitor's clock said it, unbounded.
    const doc = customerExport(
      { visitors: [], conversations: [{ summary, events: [{ seq: 1, id: 'h1.0', at: 8.64e15 + 1, role: 'visitor', body: { kind: 'bot.query', query: 'hei', decision: 'none', results: [] } }], files: [] }] },
      { email: 'matti@example.fi' },
      T,
    );
    expect(doc.conversations[0]?.events.map((e) => e.at)).toEqual(['+275760-09-13T00:00:00.000Z']);
  });
});

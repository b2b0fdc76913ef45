// What the store contract's tests start from: a handoff that opens conversation c1 for visitor
// v1, and a visitor's text message. Apart from the contract's areas (store-contract-*.ts), which all use them.
import type { HandoffInput } from './types';

export const handoff = (over: Partial<HandoffInput> = {}): HandoffInput => ({
  visitorId: 'v1',
  handoffId: 'h1',
  conversationId: 'c1',
  at: 10,
  lang: 'fi',
  page: { url: 'https://x.example/', title: 'X' },
  reason: 'no_answer',
  visitor: {},
  questions: ['palautus'],
  botAnswers: [{ faqId: 'a', question: 'A?' }],
  events: [{ clientId: 'h1', at: 10, role: 'system', body: { kind: 'handoff', reason: 'no_answer', page: { url: 'https://x.example/', title: 'X' }, lang: 'fi' } }],
  ...over,
});

export const text = (clientId: string, t = 'hei') => ({ clientId, at: 20, role: 'visitor' as const, body: { kind: 'text' as const, text: t } });

import { describe, expect, it } from 'vitest';
import { serviceReport } from './service-report';
import type { ServiceEvent } from './store/service-events';

const page = { url: 'https://x.example/', title: 'X' };
const MIN = 60_000;
const handoff = (c: string, at: number, reason: 'no_answer' | 'not_helpful' | 'asked_for_person' = 'no_answer', lang: 'fi' | 'en' = 'fi'): ServiceEvent => ({
  conversationId: c,
  at,
  role: 'system',
  body: { kind: 'handoff', reason, page, lang },
});
const joined = (c: string, at: number, agent: string, from?: string): ServiceEvent => ({
  conversationId: c,
  at,
  role: 'system',
  body: { kind: 'joined', agent, ...(from ? { from } : {}) },
});
const says = (c: string, at: number, name: string): ServiceEvent => ({ conversationId: c, at, role: 'agent', name, body: { kind: 'text', text: '…' } });
const rating = (c: string, at: number, score: number): ServiceEvent => ({ conversationId: c, at, role: 'visitor', body: { kind: 'rating', score } });
const closed = (c: string, at: number): ServiceEvent => ({ conversationId: c, at, role: 'system', body: { kind: 'closed', by: 'visitor' } });

describe('service report', () => {
  const events: ServiceEvent[] = [
    // Aino answers in 2 min, the visitor gives 5.
    handoff('a', 0, 'asked_for_person'),
    joined('a', 1 * MIN, 'Aino'),
    says('a', 2 * MIN, 'Aino'),
    says('a', 3 * MIN, 'Aino'),
    closed('a', 4 * MIN),
    rating('a', 5 * MIN, 5),
    // Aino takes it after 5 min but leaves; Pekka takes over and writes last; the rating is his.
    handoff('b', 10 * MIN, 'not_helpful', 'en'),
    joined('b', 15 * MIN, 'Aino'),
    says('b', 16 * MIN, 'Aino'),
    joined('b', 30 * MIN, 'Pekka', 'Aino'),
    says('b', 31 * MIN, 'Pekka'),
    closed('b', 32 * MIN),
    rating('b', 33 * MIN, 2),
    // Nobody came: the visitor closed it.
    handoff('c', 20 * MIN),
    closed('c', 40 * MIN),
    // Still in the queue.
    handoff('d', 50 * MIN),
    // Handed off after the period: not counted.
    handoff('late', 200 * MIN),
    joined('late', 201 * MIN, 'Pekka'),
  ];
  const report = serviceReport(events, { since: 0, until: 100 * MIN });

  it('counts handoffs by reason and language, and who an agent reached', () => {
    expect(report).toMatchObject({
      handedOff: 4,
      reasons: { no_answer: 2, not_helpful: 1, asked_for_person: 1 },
      langs: { fi: 3, en: 1 },
      reached: 2,
      unreached: { closed: 1, waiting: 1 },
    });
  });

  it('measures the wait for an agent and for the first reply, from the handoff', () => {
    expect(report.wait).toEqual({ count: 2, median: 1 * MIN, p90: 5 * MIN });
    expect(report.firstResponse).toEqual({ count: 2, median: 2 * MIN, p90: 6 * MIN });
  });

  it('gives each rating to the agent who wrote last, and each first reply to its writer', () => {
    expect(report.ratings).toEqual({ count: 2, average: 3.5, scores: [0, 1, 0, 0, 1], satisfied: 0.5 });
    expect(report.agents).toEqual([
      {
        name: 'Aino',
        conversations: 2,
        firstResponse: { count: 2, median: 2 * MIN, p90: 6 * MIN },
        ratings: { count: 1, average: 5, scores: [0, 0, 0, 0, 1], satisfied: 1 },
      },
      {
        name: 'Pekka',
        conversations: 1,
        firstResponse: null,
        ratings: { count: 1, average: 2, scores: [0, 1, 0, 0, 0], satisfied: 0 },
      },
    ]);
  });

  it('counts the conversations whose visitor got missed replies by email, once each, and those where a send failed', () => {
    const emailed = (c: string, at: number, failed?: string): ServiceEvent => ({
      conversationId: c,
      at,
      role: 'system',
      body: { kind: 'emailed', to: 'matti@example.fi', replies: 1, through: 3, ...(failed ? { failed } : {}) },
    });
    const withEmails = [...events, emailed('a', 3 * MIN), emailed('a', 4 * MIN), emailed('c', 30 * MIN, 'refused'), emailed('late', 202 * MIN)];
    expect(serviceReport(withEmails, { since: 0, until: 100 * MIN }).emailed).toEqual({ conversations: 1, failed: 1 });
    expect(report.emailed).toEqual({ conversations: 0, failed: 0 });
  });

  it('says nothing was measured rather than zero when nothing happened', () => {
    expect(serviceReport([], { since: 0, until: 1 })).toMatchObject({ handedOff: 0, wait: null, firstResponse: null, ratings: { count: 0, average: null, satisfied: null }, agents: [] });
  });
});

// A handoff's bot steps as they are stored: events dated by the visitor's clock (set by the
// server's), with ids that make a resent handoff store nothing twice, and what the queue shows of
// them: the visitor's questions and the answers they were given.
import { createHash } from 'node:crypto';
import { LIMITS } from '../protocol';
import type { VisitorClientMessage } from '../protocol';
import type { EventDraft, HandoffInput } from './store/types';

export type Handoff = Extract<VisitorClientMessage, { type: 'handoff' }>;

/**
 * The id of a bot step stored by a handoff. Derived from the handoff's id, so a resent handoff
 * stores nothing twice; with a '.', which client ids cannot contain, so it never collides with
 * a message id; and within the protocol's id length.
 */
export function stepId(handoffId: string, index: number): string {
  const base = handoffId.length + 4 <= LIMITS.clientId ? handoffId : createHash('sha256').update(handoffId).digest('base64url').slice(0, 40);
  return `${base}.${index}`;
}

/** The events a handoff stores, the last the handoff itself at `at` (now, by the server's clock), and its questions and bot answers for the queue. */
export function handoffSteps(message: Handoff, at: number): Pick<HandoffInput, 'events' | 'questions' | 'botAnswers'> {
  // How far the visitor's clock, which dates the steps, is from ours as the handoff went (the
  // moment it took to arrive counts too). 0 from a widget that does not say.
  const skew = message.sentAt === undefined ? 0 : at - message.sentAt;
  const questions: string[] = [];
  const answers = new Map<string, { faqId: string; question: string; helpful?: boolean }>();
  const events: EventDraft[] = message.steps.map((step, i) => {
    const body = step.body;
    // "hello" or "thanks" is no question: the queue's title is the first real one.
    const smallTalk = body.kind === 'bot.query' && (body.intent === 'greeting' || body.intent === 'thanks');
    if (body.kind === 'bot.query' && !smallTalk && body.query.trim() !== '') questions.push(body.query.trim());
    if (body.kind === 'bot.answer') answers.set(body.faqId, { ...answers.get(body.faqId), faqId: body.faqId, question: body.question });
    if (body.kind === 'bot.feedback') {
      const known = answers.get(body.faqId);
      if (known) known.helpful = body.helpful;
    }
    // The visitor's clock says when each step was, set by ours; never after the handoff (now, by ours).
    return { clientId: stepId(message.id, i), at: Math.min(Math.max(step.at + skew, 0), at), role: body.kind === 'bot.answer' ? 'bot' : 'visitor', body };
  });
  events.push({ clientId: message.id, at, role: 'system', body: { kind: 'handoff', reason: message.reason, page: message.page, lang: message.lang } });
  return { events, questions, botAnswers: [...answers.values()] };
}

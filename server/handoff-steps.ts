// A handoff's bot steps as they are stored: events dated by the visitor's clock (set by the
// server's), with ids that make a resent handoff store nothing twice, and what the queue shows of
// them: the visitor's questions, each once, and the answers they were given.
//
// The steps come from the visitor's browser, where the FAQ search runs, so any of them can be
// written by hand. What they show agents as the bot's words (an answer's question, a match's) is
// taken from the FAQ this server serves, by id, never from the handoff; a step naming an entry it
// has not is left out (`trustedBody`). Decisions and scores stay the widget's report: the server
// cannot know what the visitor's search showed, and they carry no words of the visitor's choosing.
import { createHash } from 'node:crypto';
import { LIMITS } from '../protocol';
import type { BotStep, VisitorClientMessage } from '../protocol';
import type { EventDraft, HandoffInput } from './store/types';

export type Handoff = Extract<VisitorClientMessage, { type: 'handoff' }>;

/** The question of the served FAQ's entry with this id; undefined when it has none. */
export type FaqQuestion = (faqId: string) => string | undefined;

/**
 * The id of a bot step stored by a handoff. Derived from the handoff's id, so a resent handoff
 * stores nothing twice; with a '.', which client ids cannot contain, so it never collides with
 * a message id; and within the protocol's id length.
 */
export function stepId(handoffId: string, index: number): string {
  const base = handoffId.length + 4 <= LIMITS.clientId ? handoffId : createHash('sha256').update(handoffId).digest('base64url').slice(0, 40);
  return `${base}.${index}`;
}

/**
 * A step as it is stored: its FAQ questions the served FAQ's (cut as the widget cuts them), or
 * null to leave it out.
 *
 * An answer or feedback naming an entry the FAQ has not (made up, or removed by a reload since the
 * visitor saw it) is left out rather than kept marked as the visitor's claim: the console could
 * show nothing of such an entry but the heading the handoff gives it, which is exactly the text
 * nobody vouches for, and marking it would need a step kind of its own in every consumer (console,
 * transcript download, webhook). The visitor's own words, their questions to the bot, stay, and
 * say what they were after. A match the FAQ has not is left out of a query's results; when it is
 * the first, so are the rest, as only the first's score is a probability (faq/types.ts `FaqHit`)
 * and the next one's would read as one.
 */
function trustedBody(body: BotStep['body'], faqQuestion: FaqQuestion): BotStep['body'] | null {
  const question = (faqId: string) => faqQuestion(faqId)?.slice(0, LIMITS.title);
  switch (body.kind) {
    case 'bot.query': {
      const results = body.results.flatMap((r) => {
        const known = question(r.id);
        return known === undefined ? [] : [{ ...r, question: known }];
      });
      return { ...body, results: results.length > 0 && results[0]!.id === body.results[0]!.id ? results : [] };
    }
    case 'bot.answer': {
      const known = question(body.faqId);
      return known === undefined ? null : { ...body, question: known };
    }
    case 'bot.feedback':
      return question(body.faqId) === undefined ? null : body;
  }
}

/**
 * Whether a query goes in the summary's questions: "hello" or "thanks" is no question (the
 * queue's title is the first real one). A wish for a person is kept: it often says the problem
 * ("can I talk to a human about order 4711, the sofa arrived broken"), and whether it says more
 * than the wish only the FAQ's wording rules could tell, which this server does not run on queries.
 */
function isQuestion(body: Extract<BotStep['body'], { kind: 'bot.query' }>): boolean {
  return body.intent !== 'greeting' && body.intent !== 'thanks';
}

/** A question as the visitor would say it again: case, spacing and the punctuation at its end aside. */
function sameQuestion(query: string): string {
  return query.toLowerCase().replace(/\s+/g, ' ').replace(/[\s\p{P}]+$/u, '').trim();
}

/**
 * The events a handoff stores, the last the handoff itself at `at` (now, by the server's clock), and
 * its questions and bot answers for the queue; `faqQuestion` looks entries up in the FAQ served now.
 */
export function handoffSteps(message: Handoff, at: number, faqQuestion: FaqQuestion): Pick<HandoffInput, 'events' | 'questions' | 'botAnswers'> {
  // How far the visitor's clock, which dates the steps, is from ours as the handoff went (the
  // moment it took to arrive counts too). 0 from a widget that does not say.
  const skew = message.sentAt === undefined ? 0 : at - message.sentAt;
  const questions: string[] = [];
  const asked = new Set<string>();
  const answers = new Map<string, { faqId: string; question: string; helpful?: boolean }>();
  const events: EventDraft[] = [];
  message.steps.forEach((step, i) => {
    const body = trustedBody(step.body, faqQuestion);
    if (body === null) return;
    if (body.kind === 'bot.query' && isQuestion(body)) {
      // Asked again after Back on an answer: listed once, where it was first asked.
      const key = sameQuestion(body.query);
      if (body.query.trim() !== '' && !asked.has(key)) {
        asked.add(key);
        questions.push(body.query.trim());
      }
    }
    if (body.kind === 'bot.answer') answers.set(body.faqId, { ...answers.get(body.faqId), faqId: body.faqId, question: body.question });
    if (body.kind === 'bot.feedback') {
      const known = answers.get(body.faqId);
      if (known) known.helpful = body.helpful;
    }
    // The visitor's clock says when each step was, set by ours; never after the handoff (now, by ours).
    // Each keeps its index in the handoff as its id, left-out steps or not, so a resend stores nothing twice.
    events.push({ clientId: stepId(message.id, i), at: Math.min(Math.max(step.at + skew, 0), at), role: body.kind === 'bot.answer' ? 'bot' : 'visitor', body });
  });
  events.push({ clientId: message.id, at, role: 'system', body: { kind: 'handoff', reason: message.reason, page: message.page, lang: message.lang } });
  return { events, questions, botAnswers: [...answers.values()] };
}

// What a console is sent of the queue: a card per conversation, the waiting ones a page at a
// time. The whole summary (every question kept, the page the visitor is on now) comes when the
// agent opens one (`open` answers with its `summary`).
//
// The queue goes to every console at its hello and on every change. Sent whole, it grew with
// every open conversation and every question: 250 throwaway visitors each handing off 40 long
// queries made it a 5 MB frame, over the adapter's 4 MB cut (ws-adapter.ts), and every console's
// hello was dropped, with the conversations that caused it out of every agent's reach.
import { waitingOrder } from '../protocol';
import type { AgentServerMessage, ConversationSummary } from '../protocol';

/** Characters a card keeps of each text (a question, an answer's title, the first and last message): a line of the queue, not the text. */
export const CARD_TEXT = 200;
/** Questions a card carries: the first (its title) and the newest. */
export const CARD_QUESTIONS = 3;
/** FAQ answers a card carries: the newest. */
export const CARD_BOT_ANSWERS = 3;
/** Waiting conversations one queue frame lists, in the order agents take them; `waiting` says how many there are in all. */
export const QUEUE_PAGE = 100;

type QueueFrame = Extract<AgentServerMessage, { type: 'queue' }>;

/** The text cut to `CARD_TEXT` characters, an ellipsis saying so; never half a surrogate pair. */
export function clip(text: string): string {
  if (text.length <= CARD_TEXT) return text;
  let cut = CARD_TEXT - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/** A conversation as a line of the queue shows it (`brief`): a few of its questions and answers, shortened, with counts of the rest. */
export function queueCard(c: ConversationSummary): ConversationSummary {
  if (c.brief) return c;
  const { nowOn: _shownOnOpen, ...rest } = c;
  const questions = c.questions.length > CARD_QUESTIONS ? [c.questions[0]!, ...c.questions.slice(c.questions.length - CARD_QUESTIONS + 1)] : c.questions;
  const botAnswers = c.botAnswers.slice(Math.max(0, c.botAnswers.length - CARD_BOT_ANSWERS));
  const card: ConversationSummary = {
    ...rest,
    brief: true,
    questions: questions.map(clip),
    botAnswers: botAnswers.map((a) => ({ ...a, question: clip(a.question) })),
  };
  const moreQuestions = (c.moreQuestions ?? 0) + c.questions.length - questions.length;
  if (moreQuestions > 0) card.moreQuestions = moreQuestions;
  const moreBotAnswers = (c.moreBotAnswers ?? 0) + c.botAnswers.length - botAnswers.length;
  if (moreBotAnswers > 0) card.moreBotAnswers = moreBotAnswers;
  if (c.lastText !== undefined) card.lastText = clip(c.lastText);
  if (c.firstText !== undefined) card.firstText = clip(c.firstText);
  return card;
}

const frames = new WeakMap<readonly ConversationSummary[], QueueFrame>();

/** Since when a visitor has had no page of the site open; undefined: they have one, or have not been seen. */
export type LeftSince = (visitorId: string) => number | undefined;

/** A waiting visitor's card says whether they left (`visitorLeft`): not a store's, but this process's knowledge now. */
function waitingCard(c: ConversationSummary, leftSince: LeftSince): ConversationSummary {
  const { visitorLeft: _asCarried, ...card } = queueCard(c);
  const since = leftSince(c.visitorId);
  return since === undefined ? card : { ...card, visitorLeft: since };
}

/**
 * The queue frame for the open conversations `open`: the first `QUEUE_PAGE` waiting in the order
 * agents take them and every active one, as cards, and how many wait in all; each waiting card
 * says whether its visitor left (`leftSince`). Made once per list: a queue push hands every
 * console on this process the same list, at once. A visitor's leave or return pushes the queue
 * again (visitor-details.ts), coalesced with the other pushes.
 */
export function queueFrame(open: readonly ConversationSummary[], leftSince: LeftSince = () => undefined): QueueFrame {
  const made = frames.get(open);
  if (made) return made;
  const waiting = waitingOrder(open);
  const active = open.filter((c) => c.status === 'active');
  const frame: QueueFrame = {
    type: 'queue',
    conversations: [...waiting.slice(0, QUEUE_PAGE).map((c) => waitingCard(c, leftSince)), ...active.map(queueCard)],
    waiting: waiting.length,
  };
  frames.set(open, frame);
  return frame;
}

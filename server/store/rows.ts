// Rows as SQLite returns them, and their mapping to the protocol's shapes.
import type { ConversationEvent, ConversationSummary, EventBody, Role } from '../../protocol';
import { jsonText } from './json-text';
import type { EventDraft, HandoffInput } from './types';

export interface ConversationRow {
  id: string;
  visitor_id: string;
  status: 'queued' | 'active' | 'closed';
  created_at: number;
  updated_at: number;
  last_seq: number;
  agent_id: string | null;
  agent_name: string | null;
  last_text: string | null;
  /** Absent where read from a database no server of this version has opened (the maintenance commands). */
  first_text?: string | null;
  rating_score: number | null;
  rating_comment: string | null;
  summary: string;
  /** Absent where read from a database no server of this version has opened (the maintenance commands). */
  released_at?: number | null;
  previous: number;
}
/** What a guard needs to know, without building the whole summary. */
export interface GuardRow {
  id: string;
  visitor_id: string;
  status: 'queued' | 'active' | 'closed';
  agent_id: string | null;
  agent_name: string | null;
  rating_score: number | null;
}
export interface EventRow {
  seq: number;
  client_id: string;
  at: number;
  role: Role;
  name: string | null;
  body: string;
}
export type SummaryJson = Pick<
  ConversationSummary,
  'lang' | 'page' | 'reason' | 'visitor' | 'questions' | 'moreQuestions' | 'botAnswers' | 'moreBotAnswers' | 'faqMatch' | 'nowOn'
>;

export function toEvent(row: EventRow): ConversationEvent {
  const event: ConversationEvent = { seq: row.seq, id: row.client_id, at: row.at, role: row.role, body: JSON.parse(row.body) as EventBody };
  if (row.name !== null) event.name = row.name;
  return event;
}

export function toSummary(row: ConversationRow): ConversationSummary {
  const summary = JSON.parse(row.summary) as SummaryJson;
  const result: ConversationSummary = {
    id: row.id,
    status: row.status,
    visitorId: row.visitor_id,
    createdAt: row.created_at,
    queuedAt: row.released_at ?? row.created_at,
    updatedAt: row.updated_at,
    ...summary,
    lastSeq: row.last_seq,
    previousConversations: row.previous,
  };
  if (row.released_at != null) result.returned = true;
  if (row.agent_id !== null) result.agent = { id: row.agent_id, name: row.agent_name ?? '' };
  if (row.last_text !== null) result.lastText = row.last_text;
  if (row.first_text != null) result.firstText = row.first_text;
  if (row.rating_score !== null) {
    result.rating = row.rating_comment !== null ? { score: row.rating_score, comment: row.rating_comment } : { score: row.rating_score };
  }
  return result;
}

/**
 * Questions a conversation's summary keeps: the first (the queue's title) and the newest after it.
 * A visitor may hand off again and again into their open conversation, each time with up to
 * `LIMITS.botSteps` queries of `LIMITS.query` characters: uncapped, the summary grew with every
 * handoff, was written whole at each, and went to every console in every queue push.
 */
export const SUMMARY_QUESTIONS = 20;
/** FAQ answers a summary keeps: the newest shown. */
export const SUMMARY_BOT_ANSWERS = 20;

/**
 * The summary with at most `SUMMARY_QUESTIONS` questions (the first and the newest) and
 * `SUMMARY_BOT_ANSWERS` answers (the newest), counting what it leaves out in `moreQuestions`
 * and `moreBotAnswers`. The events keep every step, for the transcript.
 */
export function capSummary(summary: SummaryJson): SummaryJson {
  const { questions, botAnswers } = summary;
  const capped = { ...summary };
  if (questions.length > SUMMARY_QUESTIONS) {
    capped.questions = [questions[0]!, ...questions.slice(questions.length - SUMMARY_QUESTIONS + 1)];
    capped.moreQuestions = (summary.moreQuestions ?? 0) + questions.length - SUMMARY_QUESTIONS;
  }
  if (botAnswers.length > SUMMARY_BOT_ANSWERS) {
    capped.botAnswers = botAnswers.slice(botAnswers.length - SUMMARY_BOT_ANSWERS);
    capped.moreBotAnswers = (summary.moreBotAnswers ?? 0) + botAnswers.length - SUMMARY_BOT_ANSWERS;
  }
  return capped;
}

/** A first handoff's summary: what the visitor asked and the bot showed, where, in which language, capped. */
export function summaryOf(input: HandoffInput): SummaryJson {
  const { lang, page, reason, visitor, questions, botAnswers } = input;
  return capSummary({ lang, page, reason, visitor, questions, botAnswers });
}

/**
 * A handoff into the visitor's open conversation: its questions and answers join the summary's,
 * capped. A question the summary lists already is not listed again: another window of the visitor
 * hands off with the steps it shares with the first (see `joiningEvents`).
 */
export function joinHandoff(summary: SummaryJson, questions: readonly string[], botAnswers: SummaryJson['botAnswers']): SummaryJson {
  const added = questions.filter((q) => !summary.questions.includes(q));
  return capSummary({ ...summary, questions: [...summary.questions, ...added], botAnswers: mergeAnswers(summary.botAnswers, botAnswers) });
}

/** JSON with every object's keys sorted: SQLite gives a body back as written, PostgreSQL's jsonb in its own key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item,
  );
/** Whether two summaries (or bodies) say the same, whichever store's key order each is in. */
export const sameJson = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** A bot step (bot.query, bot.answer, bot.feedback) stored in a conversation: its id and its body as kept. */
export interface StoredStep {
  client_id: string;
  body: string;
}

/**
 * The events a handoff stores when it joins the visitor's open conversation (not when it opens
 * one). Two windows of one visitor share the bot's steps through the browser's storage, and each
 * handoff carries all its window's steps under ids of its own (handoff-steps.ts `stepId`): handing
 * off from both at once stored the shared ones twice, and agent and visitor read them twice. So a
 * bot step whose body (as the store keeps it; its time differs by the windows' clocks) is stored
 * in the conversation already, by another handoff, is left out, one for one: one the visitor took
 * again in this window is kept.
 *
 * Nor is the handoff's own event stored: the widget shows "a person will join shortly" for each,
 * and the conversation has its own (queued) or its agent (active). The join's news is its new
 * steps and its summary; the handoff is acked at the conversation's last seq without it.
 *
 * A resend of this handoff decides the same: the steps it stored the first time are acked as
 * stored (their ids), the ones it left out are left out again.
 */
export function joiningEvents(stored: readonly StoredStep[], events: readonly EventDraft[]): EventDraft[] {
  const mine = new Set(events.map((e) => e.clientId));
  const storedIds = new Set(stored.map((s) => s.client_id));
  const others = new Map<string, number>();
  for (const step of stored) {
    if (mine.has(step.client_id)) continue;
    const key = canonical(JSON.parse(step.body));
    others.set(key, (others.get(key) ?? 0) + 1);
  }
  return events.filter((e) => {
    if (storedIds.has(e.clientId)) return true;
    if (e.body.kind === 'handoff') return false;
    if (!isBotStep(e.body)) return true;
    const key = canonical(JSON.parse(jsonText(e.body)));
    const left = others.get(key) ?? 0;
    if (left === 0) return true;
    others.set(key, left - 1);
    return false;
  });
}

const isBotStep = (body: EventBody) => body.kind === 'bot.query' || body.kind === 'bot.answer' || body.kind === 'bot.feedback';

export function mergeAnswers(before: SummaryJson['botAnswers'], added: SummaryJson['botAnswers']): SummaryJson['botAnswers'] {
  const merged = [...before];
  for (const answer of added) {
    const at = merged.findIndex((a) => a.faqId === answer.faqId);
    if (at === -1) merged.push(answer);
    else merged[at] = { ...merged[at], ...answer };
  }
  return merged;
}

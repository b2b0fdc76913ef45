// Everything the console says, in English (strings-en.ts) and in Finnish (strings-fi.ts): the
// agents of a Finnish company work in Finnish. One object per language of the same shape (the
// compiler checks that Finnish lacks nothing); words that depend on a number or a name are
// functions. The language is the agent's choice in the top bar, else the browser's.
import type { ErrorCode, SessionEnd } from '../../protocol/errors';
import type { ConversationSummary, EventBody } from '../../protocol/events';
import { LIMITS } from '../../protocol/limits';
import type { StatusProblem } from './model/http-problem';
import { EN, type Strings } from './strings-en';
import { FI } from './strings-fi';

export type { Strings };
export const CONSOLE_LANGS = ['en', 'fi'] as const;
export type ConsoleLang = (typeof CONSOLE_LANGS)[number];

export const STRINGS: Readonly<Record<ConsoleLang, Strings>> = { en: EN, fi: FI };

/** The agent's own choice when they made one, else the browser's language: Finnish for Finnish, English for the rest. */
export function consoleLang(chosen: string | null, browser: string | undefined): ConsoleLang {
  if (chosen === 'en' || chosen === 'fi') return chosen;
  return browser?.toLowerCase().startsWith('fi') ? 'fi' : 'en';
}

/** What the bot did with a question, as the transcript and its download say it. */
export const botDecisionText = (t: Strings, b: Extract<EventBody, { kind: 'bot.query' }>) =>
  b.unsent ? t.unsent : b.intent ? t.intents[b.intent] : t.decisions[b.decision];

/**
 * What the visitor wants, in their own words: what they asked the bot, else the first thing they
 * wrote (never the newest text, which may be an agent's reply). Undefined when they did neither.
 */
export const visitorWords = (c: Pick<ConversationSummary, 'questions' | 'firstText'>): string | undefined => c.questions[0] ?? c.firstText;

/** A conversation's title as its queue card shows it, and as a notification or the page's news says it. */
export const conversationTitle = (t: Strings, c: Pick<ConversationSummary, 'questions' | 'firstText'>) => visitorWords(c) || t.noQuestion;

/** Who the visitor is, as far as they told us. */
export const visitorLabel = (t: Strings, visitor: { name?: string; email?: string }) => visitor.name || visitor.email || t.anonymous;

/** "visitor here", "visitor left 4 min ago": whether anyone is there to read a reply. */
export function visitorHereText(t: Strings, state: { online: boolean; since?: number } | undefined, now: number): string | null {
  if (!state) return null;
  if (state.online) return t.visitorHere;
  return state.since === undefined ? t.visitorNotOnSite : t.visitorLeft(t.duration(now - state.since), now - state.since >= 60_000);
}

/** Why something plural (the figures, the saved replies) could not be loaded: its own words where a file's say "it", else a file's. */
export const loadProblemText = (t: Strings, problem: StatusProblem) => t.loadProblems[problem] ?? t.downloadProblems[problem];

/** What the agent should know about a coded error; the server's own message is for developers. */
export const errorText = (t: Strings, code: ErrorCode) => t.errors[code] ?? t.errorOther;

/**
 * Why something did not work (a failed message, a notice, a search, a login), kept as a code:
 * the words are looked up when shown, so switching the language changes them too.
 */
export type Problem =
  | { code: ErrorCode }
  | { code: 'not_connected' | 'search_too_short' | 'search_too_long' | 'unreachable' | 'wrong_login' | 'too_many_attempts' | 'nobody_free' }
  | { code: 'login_failed'; status: number }
  /** The server ended the session (the agent did not log out here): why, as it said. */
  | { code: 'session_ended'; ended: SessionEnd };

export function problemText(t: Strings, problem: Problem): string {
  switch (problem.code) {
    case 'not_connected':
      return t.notConnected;
    case 'session_ended':
      return t.sessionEnded[problem.ended];
    case 'search_too_short':
      return t.tooShort;
    case 'search_too_long':
      return t.tooLong(LIMITS.searchQuery);
    case 'unreachable':
      return t.unreachable;
    case 'wrong_login':
      return t.wrongLogin;
    case 'too_many_attempts':
      return t.tooManyAttempts;
    case 'nobody_free':
      return t.nobodyFree;
    case 'login_failed':
      return t.loginFailed(problem.status);
    default:
      return errorText(t, problem.code);
  }
}

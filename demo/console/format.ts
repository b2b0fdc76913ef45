// Words and times as the agent reads them. Times are shown in the agent's own zone
// (tests pin TZ=UTC).
import type { ErrorCode } from '../../protocol/errors';
import type { ConversationStatus, HandoffReason } from '../../protocol/events';

const REASONS: Record<HandoffReason, string> = {
  no_answer: 'No FAQ answer found',
  not_helpful: 'FAQ answer did not help',
  asked_for_person: 'Asked for a person',
};

export const reasonText = (reason: HandoffReason): string => REASONS[reason] ?? reason;

const LANG_NAMES: Record<string, string> = { fi: 'Finnish', en: 'English' };
export const langText = (lang: string): string => LANG_NAMES[lang] ?? lang;

const STATUS: Record<ConversationStatus, string> = { queued: 'Waiting', active: 'Active', closed: 'Closed' };
export const statusText = (status: ConversationStatus): string => STATUS[status] ?? status;

/** What the agent should know about a coded error; the server's own message is for developers. */
const ERROR_TEXT: Partial<Record<ErrorCode, string>> = {
  already_claimed: 'Another agent has already claimed this conversation.',
  not_assigned: 'This conversation is not yours (any more): claim it, or take it over, to write in it.',
  conversation_closed: 'The conversation is closed.',
  not_found: 'This conversation no longer exists.',
  rate_limited: 'Too many messages at once. Wait a moment and retry.',
  too_large: 'The message is too long.',
  unauthorized: 'Your session has expired. Please log in again.',
  unknown_faq_entry: 'That FAQ entry no longer exists: the FAQ has changed. Reload the console.',
  agent_offline: 'That colleague has just gone offline. Pass the conversation to someone else, or return it to the queue.',
};

export function errorText(code: ErrorCode): string {
  return ERROR_TEXT[code] ?? 'The server could not do that. Try again.';
}

/**
 * The tab title, so an agent working in another tab sees that someone waits or wrote:
 * "(2) waiting · Kohtaamo console", "(1) new message · …", "(3) 1 waiting, 2 new messages · …".
 */
export function tabTitle(waiting: number, newMessages: number): string {
  const app = 'Kohtaamo console';
  if (waiting + newMessages === 0) return app;
  const messages = newMessages === 1 ? 'new message' : 'new messages';
  const what = newMessages === 0 ? 'waiting' : waiting === 0 ? messages : `${waiting} waiting, ${newMessages} ${messages}`;
  return `(${waiting + newMessages}) ${what} · ${app}`;
}

/** "just now", "4 min", "1 h 12 min": how long someone has waited. */
export function durationText(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 24) return rest ? `${hours} h ${rest} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function timeText(at: number): string {
  const d = new Date(at);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function dateText(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${timeText(at)}`;
}

/** Who the visitor is, as far as they told us. */
export function visitorLabel(visitor: { name?: string; email?: string }): string {
  return visitor.name || visitor.email || 'Anonymous visitor';
}

/** "visitor here", "visitor left 4 min ago": whether anyone is there to read a reply. */
export function visitorHereText(state: { online: boolean; since?: number } | undefined, now: number): string | null {
  if (!state) return null;
  if (state.online) return 'visitor here';
  return state.since === undefined ? 'visitor not on the site' : `visitor left ${durationText(now - state.since)}${now - state.since < 60_000 ? '' : ' ago'}`;
}

// Who may change a conversation, and what the change records: checked by every store inside the
// same atomic write that makes the change (sqlite.ts, postgres.ts; postgres-schema.ts repeats
// `append` in SQL for speed). An error code refuses the write; 'already' means its effect is
// already there (ack again, store nothing); null lets it through.
import type { ErrorCode, RecordBody } from '../../protocol';
import type { GuardRow } from './rows';
import type { AgentRef, AppendGuard, EventDraft } from './types';

export type Check = (row: GuardRow) => ErrorCode | 'already' | null;

/** An agent's message: the conversation must be open and theirs. */
export const mayAppend =
  (guard: AppendGuard): Check =>
  (row) =>
    row.status === 'closed' ? 'conversation_closed' : row.agent_id !== guard.agentId ? 'not_assigned' : null;

/** Any agent may note something in any conversation, open or closed: it changes nothing for the visitor. */
export const mayNote: Check = () => null;

export function noteDraft(agent: AgentRef, clientId: string, text: string, at: number): EventDraft {
  return { clientId, at, role: 'agent', name: agent.name, body: { kind: 'note', text } };
}

/** The server's record for agents (an email sent, replies seen): in any conversation, like a note. */
export function recordDraft(clientId: string, body: RecordBody, at: number): EventDraft {
  return { clientId, at, role: 'system', body };
}

/**
 * A queued conversation is anyone's to claim; an active one of a colleague's only with
 * `takeover`, and, when the takeover names whom it takes from (`from`, an agent id), only from
 * them: two agents taking over from Eero at once, one of them is refused, not handed the
 * conversation from the other; so is a takeover that lands just after Eero passed it on.
 */
export const mayClaim =
  (agent: AgentRef, takeover: boolean | undefined, from?: string): Check =>
  (row) => {
    if (row.status === 'closed') return 'conversation_closed';
    // The same agent claiming again (another tab, a reloaded console) already has it.
    if (row.status === 'active' && row.agent_id === agent.id) return 'already';
    if (row.status === 'active' && !takeover) return 'already_claimed';
    if (row.status === 'active' && from !== undefined && row.agent_id !== from) return 'already_claimed';
    return null;
  };

/** Only the agent who has it passes an active conversation on; to themselves, nothing changes. (A resend is found by its client id first.) */
export const mayPass =
  (from: AgentRef, to: AgentRef): Check =>
  (row) => {
    if (row.status === 'closed') return 'conversation_closed';
    if (from.id === to.id) return 'already';
    return row.status !== 'active' || row.agent_id !== from.id ? 'not_assigned' : null;
  };

/** The event a pass records: the colleague joins, passed the conversation by its agent. */
export function passedDraft(from: AgentRef, to: AgentRef, clientId: string, at: number): EventDraft {
  return { clientId, at, role: 'system', name: to.name, body: { kind: 'joined', agent: to.name, from: from.name, passed: true } };
}

/** Only the agent who has it puts an active conversation back in the queue. */
export const mayRelease =
  (agent: AgentRef): Check =>
  (row) =>
    row.status === 'closed' ? 'conversation_closed' : row.status !== 'active' || row.agent_id !== agent.id ? 'not_assigned' : null;

/**
 * The visitor (agentId null) may close their conversation; an agent their own, or any queued
 * one: a visitor who left before anyone came is cleared without a claim, which would record a
 * wait of hours and a join that never reached them. A colleague's active one is taken over first.
 */
export const mayClose =
  (agentId: string | null): Check =>
  (row) => {
    if (row.status === 'closed') return 'conversation_closed';
    if (agentId !== null && row.status === 'active' && row.agent_id !== agentId) return 'not_assigned';
    return null;
  };

/** A conversation is rated once, after it closed. */
export const mayRate: Check = (row) => (row.status !== 'closed' ? 'no_conversation' : row.rating_score !== null ? 'already_rated' : null);

/** The event a claim records: a takeover names whom it was taken from. */
export function joinedDraft(agent: AgentRef, clientId: string, at: number): EventDraft {
  return { clientId, at, role: 'system', name: agent.name, body: { kind: 'joined', agent: agent.name } };
}
export const takenFrom = (agent: AgentRef, row: GuardRow) =>
  row.status === 'active' && row.agent_name !== null ? ({ kind: 'joined', agent: agent.name, from: row.agent_name } as const) : undefined;

export function releasedDraft(agent: AgentRef, clientId: string, at: number, away: boolean | undefined): EventDraft {
  return { clientId, at, role: 'system', name: agent.name, body: away ? { kind: 'released', agent: agent.name, away } : { kind: 'released', agent: agent.name } };
}

export function closedDraft(by: 'agent' | 'visitor', clientId: string, at: number): EventDraft {
  return { clientId, at, role: 'system', body: { kind: 'closed', by } };
}

export function ratingDraft(score: number, comment: string | undefined, clientId: string, at: number): EventDraft {
  return { clientId, at, role: 'visitor', body: comment ? { kind: 'rating', score, comment } : { kind: 'rating', score } };
}

// The messages and notes the server has not acknowledged, kept in the tab (sessionStorage) at each
// change of the outbox, as the drafts are, for the same agent's next session (lifecycle.ts): after a
// reload, a crash of the tab or an expired session. A reply already sent has left the draft box, and
// would otherwise be lost with the page while it was still on its way.
import { isErrorCode } from '../../../protocol/errors';
import type { ConsoleEnv } from '../env';
import type { Outgoing } from './outbox';

type Storage = ConsoleEnv['storage'];

/** A full storage keeps the older copy and the outbox sends on: the browser's storage never throws here (forgiving-storage.ts). */
export function keepOutbox(storage: Storage, key: string, items: readonly Outgoing[]): void {
  if (items.length === 0) storage.removeItem(key);
  else storage.setItem(key, JSON.stringify(items));
}

/** What was kept, once: read and removed. Anything else in storage (edited by hand, an older format) is left out. */
export function takeKeptOutbox(storage: Storage, key: string): Outgoing[] {
  const raw = storage.getItem(key);
  storage.removeItem(key);
  try {
    const parsed: unknown = raw === null ? [] : JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.flatMap((item: unknown) => outgoing(item) ?? []) : [];
  } catch {
    return [];
  }
}

function outgoing(item: unknown): Outgoing | null {
  if (typeof item !== 'object' || item === null) return null;
  const { id, conversationId, text, note, at, status, problem } = item as Record<string, unknown>;
  if (typeof id !== 'string' || typeof conversationId !== 'string' || typeof text !== 'string' || typeof at !== 'number') return null;
  const kept: Outgoing = { id, conversationId, text, at, status: 'sending' };
  if (note === true) kept.note = true;
  if (status === 'sending') return kept;
  if (status !== 'failed') return null;
  const code = typeof problem === 'object' && problem !== null ? (problem as Record<string, unknown>).code : undefined;
  // One the server refused stays failed, with why, for the agent to retry or keep as a note as before.
  if (isErrorCode(code)) return { ...kept, status: 'failed', problem: { code } };
  // A page before this one failed a reply for the server's silence ('no_reply'), which is no refusal:
  // it goes again after the welcome, in its place, as one still sending does.
  return code === 'no_reply' ? kept : null;
}

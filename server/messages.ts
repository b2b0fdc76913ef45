// What is said in a conversation: the visitor's and the agent's messages and files, agents'
// notes to each other, and the server's records for agents (email-follow-up.ts).
import type { RecordBody } from '../protocol';
import type { AgentRef, EventDraft, Store, StoredFile, WriteResult } from './store/types';
import type { Outcome, Queued, QueueWrite } from './write-news';

/** What storing a server's record answers: as any write, and whether it was there already (stored earlier, here or by another server). */
export type RecordOutcome = (Extract<Outcome, { ok: true }> & { duplicate: boolean }) | Extract<Outcome, { ok: false }>;

/** What storing a file answers: as any write, and the stored file's id. */
export type FileOutcome = Outcome & { fileId?: string };

const fileBody = (file: StoredFile) => ({ kind: 'file', fileId: file.id, name: file.name, type: file.type, size: file.bytes.length }) as const;

export interface MessagesOptions {
  store: Store;
  queued: QueueWrite;
  now: () => number;
}

export function createMessages({ store, queued, now }: MessagesOptions) {
  /** Tells everyone of a stored file as of any write, and answers with the file's id (a resend's: the first one's). */
  const fileSent = async (write: Promise<WriteResult>): Promise<FileOutcome> => {
    const [result, outcome] = await Promise.all([write, queued(write).outcome]);
    const stored = result.ok ? result.events[0]?.body : undefined;
    return outcome.ok && stored?.kind === 'file' ? { ...outcome, fileId: stored.fileId } : outcome;
  };

  return {
    visitorMessage(visitorId: string, clientId: string, text: string): Queued {
      return queued(store.visitorMessage(visitorId, { clientId, at: now(), role: 'visitor', body: { kind: 'text', text } }));
    },

    /** A file the visitor sent, stored with its event in one write; a resend finds the first, and its file's id. */
    visitorFile(visitorId: string, clientId: string, file: StoredFile): Promise<FileOutcome> {
      return fileSent(store.visitorMessage(visitorId, { clientId, at: now(), role: 'visitor', body: fileBody(file) }, file));
    },

    agentMessage(agent: AgentRef, clientId: string, conversationId: string, text: string): Queued {
      const draft: EventDraft = { clientId, at: now(), role: 'agent', name: agent.name, body: { kind: 'text', text } };
      return queued(store.append(conversationId, draft, { agentId: agent.id }));
    },

    /** A file an agent sends into their conversation, as `visitorFile`. */
    agentFile(agent: AgentRef, conversationId: string, clientId: string, file: StoredFile): Promise<FileOutcome> {
      const draft: EventDraft = { clientId, at: now(), role: 'agent', name: agent.name, body: fileBody(file) };
      return fileSent(store.append(conversationId, draft, { agentId: agent.id }, file));
    },

    /** A note for colleagues, in any conversation; the visitor socket never passes it on. */
    agentNote(agent: AgentRef, clientId: string, conversationId: string, text: string): Queued {
      return queued(store.note(conversationId, agent, clientId, text, now()));
    },

    /**
     * The server's record for agents (email-follow-up.ts): the visitor socket never passes it on.
     * `duplicate` says another server (or this one, earlier) stored it first: a claim lost.
     */
    record(conversationId: string, clientId: string, body: RecordBody, at: number): { outcome: Promise<RecordOutcome> } {
      const write = store.record(conversationId, clientId, body, at);
      const outcome = Promise.all([write, queued(write).outcome]).then(([result, told]): RecordOutcome => (told.ok ? { ...told, duplicate: result.ok && result.duplicate } : told));
      return { outcome };
    },
  };
}

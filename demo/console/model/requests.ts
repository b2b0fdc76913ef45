// Claim, takeover, pass, release, close and FAQ-match requests: each goes out once with a client id and
// waits for its answer, so a double click sends one frame and the button can say it is busy.
import { signal, type Signal } from '@preact/signals';
import type { AgentClientMessage } from '../../../protocol/agent';
import type { Problem } from '../strings';

export type RequestKind = 'claim' | 'pass' | 'release' | 'close' | 'faqMatch';
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
/** A request's frame before it gets its client id. */
export type Request = WithoutId<Extract<AgentClientMessage, { type: RequestKind }>>;

/** A request waiting for its answer; `next`: Take the next visitor, whose ack may name another conversation. */
export interface Pending {
  kind: RequestKind;
  conversationId: string;
  next?: true;
}

export function createRequests(send: (frame: AgentClientMessage) => boolean, clientId: (prefix: string) => string, notice: Signal<Problem | null>) {
  const pending = signal<Readonly<Record<string, Pending>>>({});

  const isPending = (kind: RequestKind, conversationId: string): boolean =>
    Object.values(pending.value).some((r) => r.kind === kind && r.conversationId === conversationId);

  function request(frame: Request): void {
    const { type: kind, conversationId } = frame;
    if (isPending(kind, conversationId)) return;
    const id = clientId(kind);
    notice.value = null;
    if (!send({ ...frame, id })) {
      notice.value = { code: 'not_connected' };
      return;
    }
    pending.value = { ...pending.value, [id]: frame.type === 'claim' && frame.next ? { kind, conversationId, next: true } : { kind, conversationId } };
  }

  /** The answer (ack or error) came: the request it answers, if this console sent it. */
  function settle(id: string): Pending | undefined {
    const settled = pending.value[id];
    if (!settled) return undefined;
    const rest = { ...pending.value };
    delete rest[id];
    pending.value = rest;
    return settled;
  }

  return {
    isPending,
    settle,
    clear: () => (pending.value = {}),
    claim: (conversationId: string) => request({ type: 'claim', conversationId }),
    /**
     * Take the next visitor: the server takes the first free one still on the site, under its
     * atomic claim, so a colleague pressing at the same moment does not leave this agent with
     * "already claimed" while another visitor waits. `conversationId`: the top of this console's
     * queue (what an older server claims); the ack names the one taken.
     */
    claimNext: (conversationId: string) => request({ type: 'claim', conversationId, next: true }),
    /**
     * Takes a colleague's active conversation (they are away, or it needs someone else). `from`:
     * the colleague's id, as the console shows them holding it: if someone else has it by the
     * time the server gets this (a colleague took it over first, or it was passed on), it is
     * refused (`already_claimed`), not taken from them.
     */
    takeOver: (conversationId: string, from?: string) =>
      request(from === undefined ? { type: 'claim', conversationId, takeover: true } : { type: 'claim', conversationId, takeover: true, from }),
    /** Hands the agent's own conversation to a colleague who has the console open. */
    pass: (conversationId: string, to: string) => request({ type: 'pass', conversationId, to }),
    /** Puts the agent's own conversation back in the queue for the next free agent. */
    release: (conversationId: string) => request({ type: 'release', conversationId }),
    close: (conversationId: string) => request({ type: 'close', conversationId }),
    /** Says which FAQ entry answers the conversation (null: none does), for the site owner's gaps report. */
    setFaqMatch: (conversationId: string, faqId: string | null) => request({ type: 'faqMatch', conversationId, faqId }),
  };
}

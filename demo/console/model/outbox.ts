// The agent's outgoing chat messages and notes. Each has a client id the server uses to insert it once,
// however often it is sent, and a status the agent can see: sending → sent (ack with its seq)
// or failed (the server refused it) with a retry that reuses the id. Silence is no refusal: a late
// ack has the link checked (`link.doubt`), and one found dead, or alive but still not acking an ack
// timeout later (`link.restart`), is dropped, after which the welcome sends again, in order, all
// that is unacknowledged.
// An item goes once its stored event has come: from then on the transcript shows that, as it
// shows a message sent before a reload, and the outbox holds only what is still on its way.
// Messages go in order through a send window, so a backlog never trips the server's rate limit.
// One the server could not store for its storage's sake (`unavailable`: a full disk) stays sending
// and goes again, first, after a wait that grows while the storage keeps refusing.
// What is unacknowledged (sending or failed) is kept at each change (`keep`: the tab's sessionStorage,
// kept-outbox.ts), so that a reload, a crash or an expired session loses none of it: the same agent's
// next session takes it back (lifecycle.ts).
import { signal } from '@preact/signals';
import type { AgentClientMessage } from '../../../protocol/agent';
import { backoffDelay } from '../../../protocol/backoff';
import { createSendWindow, type SendWindowSettings } from '../../../protocol/send-window';
import type { Problem } from '../strings';

export type OutgoingStatus = 'sending' | 'sent' | 'failed';

export interface Outgoing {
  id: string;
  conversationId: string;
  text: string;
  /** A note for colleagues, never shown to the visitor. */
  note?: boolean;
  at: number;
  status: OutgoingStatus;
  seq?: number;
  /** Why it failed, put in words when shown. */
  problem?: Problem;
}

export interface OutboxSettings {
  ackTimeoutMs: number;
  sendWindow: Readonly<SendWindowSettings>;
  /** The wait before a message the storage refused goes again: as the reconnect's. */
  backoffMinMs: number;
  backoffMaxMs: number;
  backoffFactor: number;
}

export function createOutbox(
  send: (message: AgentClientMessage) => boolean,
  settings: OutboxSettings,
  link: {
    /** Whether the socket is up and welcomed. */
    online: () => boolean;
    /** An ack is late while online: the link may have died without a word (connection.ts `probe`). */
    doubt: () => void;
    /** An ack is still late after the doubt, on a link that lives: drop it and reconnect (connection.ts `restart`). */
    restart: () => void;
  },
  /** Told what is unacknowledged after every change but the disposal: the page or the session ending leaves the kept copy as it was. */
  keep: (unacknowledged: readonly Outgoing[]) => void = () => {},
  now: () => number = Date.now,
) {
  const items = signal<readonly Outgoing[]>([]);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const sendWindow = createSendWindow(settings.sendWindow, now);
  let paceTimer: ReturnType<typeof setTimeout> | undefined;
  /** While set, nothing goes: the storage refused the oldest message, which goes again first when it fires. */
  let holdTimer: ReturnType<typeof setTimeout> | undefined;
  /** Refusals of the storage since a message was last acknowledged: how long the next wait is. */
  let refusals = 0;

  function set(next: readonly Outgoing[]): void {
    items.value = next;
    keep(next.filter((m) => m.status !== 'sent'));
  }

  function update(id: string, patch: Partial<Outgoing>): void {
    set(items.value.map((m) => (m.id === id ? { ...m, ...patch } : m)));
  }

  /** Answered, given up, or its connection is gone: no timer, no slot. */
  function settle(id: string): void {
    clearTimeout(timers.get(id));
    timers.delete(id);
    sendWindow.release(id);
  }

  /** Sends what is waiting, oldest first, as far as the window and its pace allow. */
  function pump(): void {
    clearTimeout(paceTimer);
    paceTimer = undefined;
    if (holdTimer !== undefined) return;
    const waiting = items.value.filter((m) => m.status === 'sending');
    const waitMs = sendWindow.fill(waiting, (m) => m.id, transmit);
    if (waitMs > 0) paceTimer = setTimeout(pump, waitMs);
  }

  function transmit(message: Outgoing): boolean {
    // Offline: the message waits as "sending" and goes out after the next welcome. Only a server
    // that refuses it makes it fail.
    if (!send({ type: message.note ? 'note' : 'msg', id: message.id, conversationId: message.conversationId, text: message.text })) return false;
    awaitAck(message.id);
    return true;
  }

  /**
   * No ack in time is no fault of the message's, and failing it would have the agent retry it after
   * what they wrote since: it keeps its place in the window and stays "sending". While online the link
   * is checked; a dead one is dropped, and the welcome resends this and all behind it, in order (the
   * server stores a client id once). A live one may mean a slow server: one more ack timeout. Still
   * no ack then, and the link that answers pings is dropped all the same and reconnected (the bar
   * says so), so the welcome resends it: a server that lost the message acks the resend, and one
   * that had it acks it as stored. Not failed for the agent to retry: that would reorder it, and
   * their Retry could do no more than the resend does. Offline (dropped meanwhile: a restart, a
   * network change), the welcome resends it anyway.
   */
  function awaitAck(id: string, doubted = false): void {
    timers.set(
      id,
      setTimeout(() => {
        timers.delete(id);
        if (!link.online()) return;
        if (doubted) return link.restart();
        link.doubt();
        awaitAck(id, true);
      }, settings.ackTimeoutMs),
    );
  }

  function add(message: Omit<Outgoing, 'status'>): void {
    set([...items.value, { ...message, status: 'sending' }]);
    pump();
  }

  function retry(id: string): void {
    const message = items.value.find((m) => m.id === id);
    if (!message || message.status === 'sent') return;
    update(id, { status: 'sending', problem: undefined });
    pump();
  }

  /** After a reconnect: send again, in order, whatever was never acknowledged. */
  function resendPending(): void {
    for (const id of [...timers.keys()]) settle(id);
    sendWindow.reset();
    pump();
  }

  /** True when the id was one of ours. */
  function acked(id: string, seq: number): boolean {
    if (!items.value.some((m) => m.id === id)) return false;
    settle(id);
    refusals = 0;
    update(id, { status: 'sent', seq });
    pump();
    return true;
  }

  /** Its stored event came (it has the same id): the transcript shows the message from now on. */
  function delivered(id: string): void {
    if (!items.value.some((m) => m.id === id)) return;
    settle(id);
    set(items.value.filter((m) => m.id !== id));
    pump();
  }

  function failed(id: string, problem: Problem): boolean {
    if (!items.value.some((m) => m.id === id)) return false;
    settle(id);
    if (problem.code === 'unavailable') {
      // Not stored for the storage's sake (a full disk, the database away a moment): no fault of the
      // message's, and a retry by hand would put it after what the agent wrote since. It stays
      // sending; the server closes the socket, and after the welcome and the wait it goes again,
      // with those behind it, as often as it takes. (Those refused with it start no wait of their own.)
      holdTimer ??= setTimeout(
        () => {
          holdTimer = undefined;
          pump();
        },
        backoffDelay(refusals++, { minMs: settings.backoffMinMs, maxMs: settings.backoffMaxMs, factor: settings.backoffFactor }),
      );
      return true;
    }
    update(id, { status: 'failed', problem });
    pump();
    return true;
  }

  /** A failed one the agent is done with (its text kept as a note instead): it goes from the transcript. */
  function drop(id: string): void {
    settle(id);
    set(items.value.filter((m) => m.id !== id || m.status !== 'failed'));
  }

  /**
   * A session starts (a reload, a login after an expiry): what the agent's last one left
   * unacknowledged, back in its order before anything new, each with its client id. Those sending go
   * after the welcome (resendPending), and the server acks one it had stored as stored, once; a
   * failed one waits for the agent.
   */
  function takeBack(kept: readonly Outgoing[]): void {
    const here = new Set(items.value.map((m) => m.id));
    set([...kept.filter((m) => !here.has(m.id)), ...items.value]);
    pump();
  }

  function dispose(): void {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    clearTimeout(paceTimer);
    clearTimeout(holdTimer);
    holdTimer = undefined;
    sendWindow.reset();
    items.value = [];
  }

  return { items, add, retry, drop, resendPending, acked, delivered, failed, takeBack, dispose };
}

export type Outbox = ReturnType<typeof createOutbox>;

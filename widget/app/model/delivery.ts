// The outbox's way to the server: sent in order, as far as the send window and its pace allow
// (protocol/send-window.ts), each frame timed until the server answers it; then what the answer
// means for the frame: delivered (an ack, which also tells its conversation), or refused with a
// code, which fails it, drops it, or has it go again.
import type { Page } from '../../../protocol/fields';
import { createSendWindow } from '../../../protocol/send-window';
import type { ErrorMessage, VisitorServerMessage } from '../../../protocol/visitor';
import type { Connection } from '../net/connection';
import { stringify } from '../net/json';
import type { Conversation } from './conversation';
import type { Outbox, Outgoing } from './outbox';
import type { SessionSettings } from './session-settings';

export function createDelivery(
  connection: Connection,
  outbox: Outbox,
  conversation: Conversation,
  /** The page, when the server has not heard of it yet on this socket (session.ts). */
  moved: () => { page?: Page },
  now: () => number,
  s: SessionSettings,
) {
  const ackTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const sendWindow = createSendWindow(s.sendWindow, now);
  let paceTimer: ReturnType<typeof setTimeout> | undefined;

  /** The frame was answered, given up, or its connection is gone: no timer, no slot. */
  const settle = (id: string) => {
    clearTimeout(ackTimers.get(id));
    ackTimers.delete(id);
    sendWindow.release(id);
  };

  /** Sends the outbox in order, as far as the window and its pace allow. */
  const pump = (): void => {
    clearTimeout(paceTimer);
    paceTimer = undefined;
    // Offline is not failure: frames wait in the outbox and go after the next welcome. With none
    // to send, no socket: the last acked of a closed conversation's let it go (session.ts).
    if (!connection.isReady()) return void (outbox.sending().length && connection.start());
    const waitMs = sendWindow.fill(outbox.sending(), (frame) => frame.id, transmit);
    if (waitMs > 0) paceTimer = setTimeout(pump, waitMs);
  };

  const transmit = (frame: Outgoing): boolean => {
    // A handoff says when it goes by the visitor's clock, which dates its steps: the server sets
    // them by its own (a clock an hour slow put the bot's steps an hour before the handoff).
    const sent = frame.type == 'msg' ? { ...frame, ...moved() } : frame.type == 'handoff' ? { ...frame, sentAt: now() } : frame;
    if (!connection.send(stringify(sent))) return false;
    ackTimers.set(
      frame.id,
      setTimeout(() => {
        settle(frame.id);
        // Connected but unanswered: the socket is dead though not closed (a proxy that stopped
        // passing data). It is replaced, and the frame, still sending, goes again after the
        // welcome, as one does after any drop: a message fails only when the server refuses it.
        if (connection.isReady()) connection.drop();
      }, s.ackTimeoutMs),
    );
    return true;
  };

  const dispose = () => {
    clearTimeout(paceTimer);
    for (const t of ackTimers.values()) clearTimeout(t);
  };

  /** A new connection was welcomed. */
  const resend = () => {
    // Everything not yet acknowledged goes again, in order, through a fresh window; the
    // server dedups by client id. Timers of the old connection would free slots of this one.
    for (const id of [...ackTimers.keys()]) settle(id);
    sendWindow.reset();
    pump();
  };

  /** How often the server answered `internal` to each frame since the visitor last sent it. */
  const internals: Record<string, number> = {};

  const acked = (m: Extract<VisitorServerMessage, { type: 'ack' }>) => {
    const item = outbox.find(m.id);
    settle(m.id);
    if (!item) return;
    if (item.frame.type === 'msg') {
      // The ack's seq is the message's place in the transcript; the echo, if any, dedups on it.
      // One resent after a drop may be acked in the conversation it went to before, which
      // another tab has since left: that one is done, and this one stays.
      if ((conversation.id.value ?? m.conversationId) === m.conversationId)
        conversation.apply(m.conversationId, [{ seq: m.seq, id: m.id, at: item.at, role: 'visitor', body: { kind: 'text', text: item.frame.text } }], true);
    } else {
      if (conversation.id.value === null) conversation.id.value = m.conversationId;
      if (item.frame.type === 'rate') conversation.rated.value = true;
      // Ended: over now, though its status and close may come after the ack (another server's bus).
      if (item.frame.type === 'end' && conversation.id.value === m.conversationId) conversation.status.value = 'closed';
      if (item.frame.type === 'handoff' && conversation.status.value === 'none') conversation.status.value = 'queued';
    }
    outbox.remove(m.id);
    pump();
  };

  const refused = (m: ErrorMessage) => {
    if (m.id === undefined) return;
    const frame = outbox.find(m.id)?.frame.type;
    settle(m.id);
    // An identity the conversation no longer needs (it closed meanwhile) is nothing to retry;
    // it says nothing of the rating, which the visitor may still give.
    if (m.code === 'already_rated') conversation.rated.value = true;
    // Not stored just now (the server's storage refused it: a full disk, the database away):
    // nothing for the visitor to retry by hand, which put it after what they wrote since. The
    // socket is replaced after the reconnect's backoff, which grows while this goes on, and the
    // frame, still sending, goes again first, as often as it takes. (The other code that means
    // "again", rate_limited, comes without an id, and its 4029 close reconnects.)
    // `internal` is a bug's, or an older server's for any failure: tried so three times, then it
    // fails, with the visitor's retry, and what they wrote since goes on without it, rather
    // than it going again at every reconnect, "sending" for ever.
    if (m.code == 'unavailable' || (m.code === 'internal' && (internals[m.id] = (internals[m.id] ?? 0) + 1) < 3)) connection.drop();
    // An end refused is an end already there (closed meanwhile) or a conversation no longer kept: over either way.
    else if (m.code === 'already_rated' || frame === 'identify' || frame === 'end') outbox.remove(m.id);
    // The conversation closed as it went: said as such (its words offer the retry that starts a new one).
    else outbox.fail(m.id, m.code == 'no_conversation' ? 'conversation_closed' : m.code);
    pump();
  };

  /** The visitor retries the frame: three tries again, the server's trouble may be over. */
  const forgive = (id: string) => delete internals[id];

  // A tuple, not an object: its names cost the widget's bytes twice (here and where it is taken apart).
  return [pump, dispose, forgive, resend, acked, refused] as const;
}

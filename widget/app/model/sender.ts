// Sends the outbox over the connection: in order, as far as the send window and its pace allow
// (protocol/send-window.ts), each frame timed until the server answers it. What the answer
// means for the frame (delivered, refused, again) is the session's to say; this only settles it.
import type { Page } from '../../../protocol/fields';
import { createSendWindow } from '../../../protocol/send-window';
import type { Connection } from '../net/connection';
import { stringify } from '../net/json';
import type { Outbox, Outgoing } from './outbox';
import type { SessionSettings } from './session-settings';

export function createSender(
  connection: Connection,
  outbox: Outbox,
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
    // Offline is not failure: frames wait in the outbox and go after the next welcome.
    if (!connection.isReady()) return connection.start();
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

  // A tuple, not an object: its names cost the widget's bytes twice (here and where it is taken apart).
  return [settle, pump, dispose, resend] as const;
}

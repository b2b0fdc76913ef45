// "Typing…" both ways. Outgoing: one `on` when the agent starts, one `off` after a pause or a
// send, never a frame per keystroke. Incoming: shown until `off`, a visitor message, or a
// timeout in case the `off` was lost.
import { signal } from '@preact/signals';
import type { AgentClientMessage } from '../../../protocol/agent';

export function createTyping(send: (message: AgentClientMessage) => boolean, idleMs: number, showMs: number) {
  const visitorTyping = signal<Readonly<Record<string, boolean>>>({});
  const showTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let mine: { conversationId: string; timer: ReturnType<typeof setTimeout> } | null = null;

  function setVisitor(conversationId: string, on: boolean): void {
    clearTimeout(showTimers.get(conversationId));
    showTimers.delete(conversationId);
    if (on) showTimers.set(conversationId, setTimeout(() => setVisitor(conversationId, false), showMs));
    if (Boolean(visitorTyping.value[conversationId]) === on) return;
    visitorTyping.value = { ...visitorTyping.value, [conversationId]: on };
  }

  function stop(): void {
    if (!mine) return;
    clearTimeout(mine.timer);
    send({ type: 'typing', conversationId: mine.conversationId, on: false });
    mine = null;
  }

  /** The agent typed in the composer of a conversation. */
  function agentTyped(conversationId: string): void {
    if (mine && mine.conversationId !== conversationId) stop();
    if (!mine) send({ type: 'typing', conversationId, on: true });
    else clearTimeout(mine.timer);
    mine = { conversationId, timer: setTimeout(stop, idleMs) };
  }

  function dispose(): void {
    if (mine) clearTimeout(mine.timer);
    mine = null;
    for (const timer of showTimers.values()) clearTimeout(timer);
    showTimers.clear();
    visitorTyping.value = {};
  }

  return { visitorTyping, setVisitor, agentTyped, agentStopped: stop, dispose };
}

// Telling the agent who the visitor is: with the handoff, and at once when the site says so
// during a conversation (the customer logged in mid-chat, or a later page identifies them on
// load). Each identity goes once per page; the server ignores a repeat anyway.
import { effect, untracked, type ReadonlySignal } from '@preact/signals';
import type { VisitorInfo } from '../../../protocol/fields';
import type { ChatStatus } from './conversation';

export function createIdentitySync(
  visitor: () => VisitorInfo | undefined,
  status: ReadonlySignal<ChatStatus>,
  send: (visitor: VisitorInfo) => void,
) {
  let told: string | undefined;
  const live = () => status.value === 'queued' || status.value === 'active';

  /** Sends the site's identity to a live conversation, unless it already has it. */
  function sync() {
    const who = visitor();
    const key = JSON.stringify(who);
    if (!who || !live() || key === told) return;
    told = key;
    send(who);
  }

  // Also when a conversation is restored on a later page, where the site identified the visitor on load.
  const stop = effect(() => {
    if (live()) untracked(sync);
  });

  return {
    sync,
    /** The handoff carried this identity (or none). */
    sentWithHandoff(who: VisitorInfo | undefined) {
      told = JSON.stringify(who);
    },
    dispose: stop,
  };
}

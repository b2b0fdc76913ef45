// Which conversations this connection streams. The server forgets them with the socket and
// follows a claimer only on the socket that claimed, so after every reconnect or reload the
// console opens the selected conversation and every one of the agent's own again, each after the
// last gap-free seq it holds: a visitor's reply in a chat that is not on screen still shows as new.
import type { ReadonlySignal } from '@preact/signals';
import type { AgentClientMessage } from '../../../protocol/agent';
import type { ConversationEvent, ConversationSummary } from '../../../protocol/events';
import { resumeSeq } from './transcript';

export function createFollowing(
  send: (message: AgentClientMessage) => boolean,
  transcripts: ReadonlySignal<Readonly<Record<string, readonly ConversationEvent[]>>>,
  mine: ReadonlySignal<readonly ConversationSummary[]>,
) {
  const followed = new Set<string>();

  /** Streams a conversation on this connection, from after the last gap-free seq the console holds. */
  function follow(conversationId: string): void {
    if (send({ type: 'open', conversationId, afterSeq: resumeSeq(transcripts.value[conversationId] ?? []) })) followed.add(conversationId);
  }

  return {
    follow,
    /** Streams each of the agent's own conversations this connection does not stream yet. */
    followMine: () => mine.value.forEach((c) => followed.has(c.id) || follow(c.id)),
    /** The conversations this connection streams: their transcripts are still needed. */
    all: (): ReadonlySet<string> => followed,
    /** A new connection streams nothing yet. */
    clear: () => followed.clear(),
  };
}

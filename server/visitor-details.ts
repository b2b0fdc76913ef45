// What agents see of the visitor beside the chat: who they are, the page they are on, and whether
// they are on the site at all. None of it is a message: the visitor's widget is never told of it.
import { topics } from './bus';
import type { Bus } from './bus';
import type { Handoff } from './handoff-steps';
import { summaryVisitor } from './identity';
import type { QueueChange } from './queue-push';
import type { Store } from './store/types';
import type { Queued, QueueWrite } from './write-news';

export interface VisitorDetailsOptions {
  store: Store;
  bus: Bus;
  queued: QueueWrite;
  pushQueue: (change: QueueChange) => void;
  onError: (error: unknown) => void;
  /** The secret a site signs its visitors' emails with (`KOHTAAMO_IDENTITY_SECRET`); none: nobody is verified. */
  identitySecret?: string;
  /** Called when a page signed an email but there is no identity secret to check it with. */
  onUnverifiable?: () => void;
}

export function createVisitorDetails({ store, bus, queued, pushQueue, onError, identitySecret, onUnverifiable }: VisitorDetailsOptions) {
  return {
    /** Who the visitor is, said after the handoff: replaces what the agent sees (signature checked as at the handoff). */
    identify(visitorId: string, visitor: NonNullable<Handoff['visitor']>): Queued {
      return queued(store.updateVisitor(visitorId, { visitor: summaryVisitor(visitor, identitySecret, onUnverifiable) }), { visitor: false });
    },

    /** The visitor's widget connected from a page (their next page, mid-chat), or a single-page app moved on: agents see where they are now. */
    async visitorPage(visitorId: string, page: Handoff['page']): Promise<void> {
      const result = await queued(store.updateVisitor(visitorId, { nowOn: page }), { visitor: false }).outcome;
      // No open conversation is the usual case (a visitor who never asked for a person): nothing to tell.
      if (!result.ok && result.code !== 'no_conversation') onError(new Error(`could not record the visitor's page: ${result.code}`));
    },

    /**
     * The visitor came back to the site or has been gone a while: the agents following their open
     * conversation hear it, and, while it waits, every console's queue card (queue-frame.ts). That
     * push is coalesced with the message previews': many visitors leaving in a busy hour are one
     * queue frame a second at most, not one each.
     */
    async visitorPresence(visitorId: string, state: { online: boolean; since: number }): Promise<void> {
      // The open one is the visitor's newest: a new conversation is only made when none is open.
      const current = await store.currentConversation(visitorId);
      if (!current || current.status === 'closed') return;
      bus.publish(topics.conversation(current.id), { kind: 'visitor', conversationId: current.id, ...state });
      if (current.status === 'queued') pushQueue('preview');
    },
  };
}

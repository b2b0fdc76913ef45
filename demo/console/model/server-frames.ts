// What each frame from the server changes in the console: the models it fills in, and on a
// welcome the resume (the open conversation and the agent's own again, what was never acked
// sent again). console.ts makes the models; this is the one place the socket's frames reach them.
import { batch, type ReadonlySignal, type Signal } from '@preact/signals';
import type { AgentServerMessage } from '../../../protocol/agent';
import type { ConsoleOptions } from '../config';
import type { Connection } from '../connection';
import type { ConsoleEnv } from '../env';
import type { Problem } from '../strings';
import type { createFollowing } from './following';
import type { createKnown } from './known';
import type { Outbox } from './outbox';
import type { createRequests } from './requests';
import type { createSearch } from './search';
import type { createSelection } from './selection';
import type { createServerClock } from './server-clock';
import { sessionEnded } from './session';
import type { createTeam } from './team';
import type { createTyping } from './typing';
import type { createUpgradeCheck } from './upgrade';
import type { createUnread } from './unread';
import type { createUploads } from './uploads';

export interface FrameTargets {
  env: Pick<ConsoleEnv, 'storage'>;
  options: Pick<ConsoleOptions, 'heartbeatMs' | 'selectedKey'>;
  connection: ReadonlySignal<Connection | null>;
  /** Who the server says the agent is, from its welcome. */
  welcomed: Signal<{ id: string; name: string } | null>;
  emailsReplies: Signal<boolean>;
  /** The domain of the site's own From address, from the welcome of a server that emails replies. */
  siteMail: Signal<string | null>;
  notice: Signal<Problem | null>;
  selectedId: ReadonlySignal<string | null>;
  known: ReturnType<typeof createKnown>;
  reading: ReturnType<typeof createUnread>;
  requests: ReturnType<typeof createRequests>;
  following: ReturnType<typeof createFollowing>;
  selection: ReturnType<typeof createSelection>;
  outbox: Outbox;
  search: ReturnType<typeof createSearch>;
  team: ReturnType<typeof createTeam>;
  typing: ReturnType<typeof createTyping>;
  uploads: ReturnType<typeof createUploads>;
  /** The server's clock, from the times its welcome and pongs say. */
  serverClock: ReturnType<typeof createServerClock>;
  /** Whether the server serves a newer console than this page, from the build its welcome names. */
  upgrade: ReturnType<typeof createUpgradeCheck>;
  /** Opens a conversation (console.ts: in place of the Report, and on a phone in place of the queue). */
  select: (conversationId: string) => void;
  logout: (reason: Problem) => void;
}

export function createFrameRouter(targets: FrameTargets): (frame: unknown) => void {
  const { env, options, connection, welcomed, emailsReplies, siteMail, notice, selectedId, known, reading, requests, following, selection, outbox, search, team, typing, uploads, serverClock, upgrade, select, logout } = targets;
  const { summaries } = known;

  return function onFrame(frame: unknown): void {
    if (typeof frame !== 'object' || frame === null || !('type' in frame)) return;
    const message = frame as AgentServerMessage;
    switch (message.type) {
      case 'welcome':
        connection.value?.markOnline(message.heartbeatMs || options.heartbeatMs);
        serverClock.welcomed(message.now);
        upgrade.welcomed(message.consoleBuild);
        welcomed.value = message.agent;
        emailsReplies.value = message.emailsReplies;
        siteMail.value = message.siteMail ?? null;
        // A claim or close lost with the old socket: the queue that follows tells how it ended.
        requests.clear();
        following.clear();
        // Resume: replay what the open conversation and the agent's own missed, then resend what was never acked.
        selection.reopen();
        following.followMine();
        outbox.resendPending();
        search.resend();
        team.welcomed();
        return;
      case 'queue':
        known.queued(message.conversations, message.waiting);
        reading.keepOnly((id) => id in summaries.value || id === env.storage.getItem(options.selectedKey));
        selection.restore();
        following.followMine();
        return;
      case 'summary':
        known.remember([message.conversation]);
        selection.restore();
        return;
      case 'history':
        known.history(message.visitorId, message.conversations);
        return;
      case 'colleagues':
        team.listed(message.agents);
        return;
      case 'search':
        known.remember(message.conversations);
        search.received(message.query, message.conversations);
        return;
      case 'events': {
        // One change for the view: the stored message takes its pending one's place, never both or neither.
        batch(() => {
          known.events(message.conversationId, message.events);
          for (const e of message.events) {
            if (e.role === 'visitor' && e.body.kind === 'text') typing.setVisitor(message.conversationId, false);
            if (e.role === 'agent' && (e.body.kind === 'text' || e.body.kind === 'note')) outbox.delivered(e.id);
            if (e.role === 'agent' && e.body.kind === 'file') uploads.delivered(e.id);
          }
        });
        return;
      }
      case 'pong':
        serverClock.ponged(message.t, message.now);
        return;
      case 'typing':
        typing.setVisitor(message.conversationId, message.on);
        return;
      case 'visitor':
        known.visitor(message.conversationId, { online: message.online, since: message.since });
        return;
      case 'ack': {
        if (outbox.acked(message.id, message.seq)) return;
        const settled = requests.settle(message.id);
        // The server took another visitor than the top of this queue (a colleague took that one first): that one opens.
        if (settled?.next && message.conversationId !== settled.conversationId && selectedId.value === settled.conversationId) select(message.conversationId);
        return;
      }
      case 'error': {
        const problem: Problem = { code: message.code };
        if (message.code === 'unauthorized') return logout(sessionEnded(message.ended));
        if (message.id && outbox.failed(message.id, problem)) return;
        const settled = message.id ? requests.settle(message.id) : undefined;
        // Take the next visitor found nobody free: not "this conversation", but everyone waiting.
        notice.value = settled?.next && message.code === 'already_claimed' ? { code: 'nobody_free' } : problem;
        return;
      }
    }
  };
}

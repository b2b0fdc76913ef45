// The console's life: started, it ticks its clock, marks what the agent reads, watches for news
// to alert of, and keeps a socket to the server while an agent is logged in; stopped or logged
// out, every model forgets what it held. console.ts makes the models; this starts and ends them.
import { batch, effect, untracked, type Signal } from '@preact/signals';
import { CLOSE } from '../../../protocol/errors';
import type { ConsoleOptions } from '../config';
import { createConnection, type Connection } from '../connection';
import { socketUrl, type ConsoleEnv } from '../env';
import type { Problem } from '../strings';
import type { createAlerts } from './alerts';
import type { createDrafts } from './drafts';
import type { createFaqAnswers } from './faq-answers';
import type { createFollowing } from './following';
import { takeKeptOutbox } from './kept-outbox';
import { takeKeptUploads } from './uploads';
import type { createKnown } from './known';
import type { Outbox } from './outbox';
import type { createReport } from './report';
import type { createRequests } from './requests';
import type { createSearch } from './search';
import type { createSelection } from './selection';
import { sessionEnded, type SessionModel } from './session';
import type { createTeam } from './team';
import type { createTyping } from './typing';
import type { createUnread } from './unread';
import type { createUploads } from './uploads';

export interface LifecycleParts {
  env: ConsoleEnv;
  options: ConsoleOptions;
  auth: SessionModel;
  connection: Signal<Connection | null>;
  /** What the socket's frames change (server-frames.ts). */
  onFrame: (frame: unknown) => void;
  /** This browser's clock, ticked while started. */
  localNow: Signal<number>;
  visible: Signal<boolean>;
  notice: Signal<Problem | null>;
  pane: Signal<'queue' | 'conversation'>;
  welcomed: Signal<{ id: string; name: string } | null>;
  emailsReplies: Signal<boolean>;
  alerts: ReturnType<typeof createAlerts>;
  drafts: ReturnType<typeof createDrafts>;
  faq: ReturnType<typeof createFaqAnswers>;
  following: ReturnType<typeof createFollowing>;
  known: ReturnType<typeof createKnown>;
  outbox: Outbox;
  reading: ReturnType<typeof createUnread>;
  report: ReturnType<typeof createReport>;
  requests: ReturnType<typeof createRequests>;
  search: ReturnType<typeof createSearch>;
  selection: ReturnType<typeof createSelection>;
  team: ReturnType<typeof createTeam>;
  typing: ReturnType<typeof createTyping>;
  uploads: ReturnType<typeof createUploads>;
}

export function createLifecycle(parts: LifecycleParts) {
  const { env, options, auth, connection, onFrame, localNow, visible, notice, pane, welcomed, emailsReplies } = parts;
  const { alerts, drafts, faq, following, known, outbox, reading, report, requests, search, selection, team, typing, uploads } = parts;

  function start(): () => void {
    const clock = setInterval(() => (localNow.value = Date.now()), options.clockTickMs);
    const stopReading = reading.track();
    const stopAlerts = alerts.track();
    const stopVisibility = env.onVisibilityChange(() => (visible.value = env.isVisible()));
    const stopSession = effect(() => {
      const session = auth.session.value;
      if (!session) return;
      untracked(() => takeBackKept(session.agent.id));
      return untracked(() => connect(session.token));
    });
    return () => {
      clearInterval(clock);
      stopReading();
      stopAlerts();
      stopVisibility();
      stopSession();
      reset();
    };
  }

  function connect(token: string): () => void {
    const url = socketUrl(env.pageUrl, '/ws/agent');
    const conn = createConnection(
      env,
      url,
      {
        onOpen: () => conn.send({ type: 'hello', token }),
        onFrame,
        shouldReconnect: (code) => {
          if (code !== CLOSE.unauthorized) return true;
          // Closed without the error frame that says why (it comes first): said as expired.
          queueMicrotask(() => logout(sessionEnded()));
          return false;
        },
      },
      options,
    );
    connection.value = conn;
    void faq.load(token);
    return () => {
      conn.dispose();
      connection.value = null;
    };
  }

  /** `expired`: the session ran out, and the files the agent sent that have not got through stay for them (logout). */
  function reset(expired = false): void {
    batch(() => {
      outbox.dispose();
      if (!expired) uploads.clear();
      typing.dispose();
      requests.clear();
      known.clear();
      reading.clear();
      following.clear();
      team.clear();
      search.clear();
      drafts.clear();
      selection.clear();
      notice.value = null;
      pane.value = 'queue';
      welcomed.value = null;
      emailsReplies.value = false;
    });
    alerts.reset();
  }

  /** What the agent was writing, sending, reading, and where: the next agent on this tab finds none of it. */
  function forgetWork(): void {
    report.close();
    selection.forget();
    drafts.forget();
    reading.forget();
    uploads.clear();
    env.storage.removeItem(options.keptOutboxKey);
    env.storage.removeItem(options.keptUploadsKey);
    env.storage.removeItem(options.keptForKey);
  }

  /**
   * A session starts: a login, a reload, a tab restored after a crash. The tab's storage holds the
   * work of the agent named by keptFor (the one whose session last started here): the same agent
   * finds their drafts, what they had read, the conversation they had open (selection.restore() reads it once the queue
   * comes) and what they had sent and the server had not acknowledged, sending again after the
   * welcome with the same ids, and the Report if it was open when the session ran out (it loads
   * again); anyone else finds none of it.
   */
  function takeBackKept(agentId: string): void {
    const keptFor = env.storage.getItem(options.keptForKey);
    if (keptFor !== null && keptFor !== agentId) forgetWork();
    env.storage.setItem(options.keptForKey, agentId);
    outbox.takeBack(takeKeptOutbox(env.storage, options.keptOutboxKey));
    uploads.takeBack(takeKeptUploads(env.storage, options.keptUploadsKey));
    drafts.reload();
    reading.reload();
    report.resume();
  }

  function logout(reason: Problem | null = null): void {
    typing.agentStopped();
    // An expired session is no choice to leave: the agent is asked to log in again mid-reply,
    // and what they were writing, and what they sent that is still on its way, waits for them in
    // the tab (sessionStorage, as after a reload), for them only. A logout drops both, as the agent chose.
    // So do the files they were sending, in this page's memory (a file's bytes are too large for the
    // tab's storage): one whose answer comes meanwhile says so, failed or sent, once they are back;
    // one that did not get through is there to send again (after a reload, only said not sent: takeKeptUploads).
    // They vanished, and the agent took them for sent.
    const expired = reason?.code === 'session_ended';
    // The read marks stay with them too: messages read before the expiry are not news after the login.
    if (!expired) forgetWork();
    team.forget();
    // The Report the session ran out under comes back after the login, as the agent's drafts do
    // (a logout's went with the rest of their work, in forgetWork).
    if (expired) report.pause();
    reset(expired);
    auth.logout(reason);
  }

  return { start, logout };
}

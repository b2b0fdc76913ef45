// Wires the parts into one running server: FAQ, store, agents, bus, HTTP and sockets.
// `createServer` is what the CLI runs and what integration tests start on port 0.
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoLogin } from './agents';
import { createAgentSessions } from './agent-sessions';
import { createPresence } from './presence';
import { releaseRemovedAgents } from './removed-agents';
import { createVisitorPresence, whileOpen } from './visitor-presence';
import { startServerLiveness } from './server-liveness';
import { SYNC_MS } from './shared-count';
import { topics } from './bus';
import type { Bus } from './bus';
import { createOriginCheck } from './origin-check';
import { openParts } from './open-parts';
import { healthCheck } from './health';
import { startRetention } from './retention-schedule';
import { usesDemoFaq } from './demo-site';
import { FILES_PATH } from '../protocol';
import { requestPath } from './request-path';
import type { ServerConfig } from './config';
import { createConversations, newId } from './conversations';
import { unsetSecretNotice } from './identity';
import { createFileRoutes } from './files-http';
import { createFaqStats } from './faq-stats';
import { siteReport } from './site-report';
import { createHttpHandler } from './http';
import { readConsoleBuild } from './console-build';
import { isTrustedProxy } from './client-address';
import { createRequestAddress } from './request-address';
import { guardSlowClients, slowClientServerOptions } from './slow-clients';
import { isLoopback } from './ip-limits';
import { FAQ_FILE, loadFaqBundle, REPLIES_FILE, servedFaqFile, type FaqLoaded } from './faq-file';
import { listenProblem } from './listen-problem';
import { StartError } from './start-error';
import { dataDirCreateProblem, lockDataDir } from './data-lock';
import { makeDirectory } from './make-directory';
import type { DataLock } from './data-lock';
import { waitsOf } from './service-report';
import { createWaitEstimate } from './wait-estimate';
import { createWebhook, notifyUnattended, notifyWebhook } from './webhook';
import { siteMailAddress } from './email-config';
import { createEmailFollowUp } from './email-follow-up';
import { createMailer } from './mailer';
import { closesAt, nextOpening } from './opening-hours';
import { lockDatabase } from './store/postgres-server-lock';
import { limitRepeats } from './log-repeats';
import { printError, printInfo } from './operator-log';
import { toldOperator } from './store/write-health';
import type { Store } from './store/types';
import { hashToken } from './tokens';
import { agentSession } from './agent-socket';
import { visitorSession } from './visitor-socket';
import { createWaitingLimit } from './waiting-limit';
import type { SocketDeps } from './socket-deps';
import { attachSockets } from './ws-adapter';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RunningServer {
  url: string;
  port: number;
  /** Origins allowed on the visitor socket. */
  origins: readonly string[];
  demo: DemoLogin;
  /** Whether `/` is the demo store: with the demo FAQ only (demo-site.ts). */
  demoSite: boolean;
  faq: { entries: number; warnings: number };
  /** The agents' saved replies, when the site has them. */
  replies: { entries: number } | null;
  /** How many agents can log in now (the start banner: none is news, nobody can answer visitors). */
  agentCount(): Promise<number>;
  close(): Promise<void>;
}

export interface ServerParts {
  store?: Store;
  bus?: Bus;
  log?: (error: unknown) => void;
  /** Where news for the operator goes (a reloaded FAQ); the terminal by default. */
  info?: (line: string) => void;
  /** Whether a first start makes the demo agent (agents.ts): yes unless told; `kohtaamo serve` says so only with the demo FAQ. */
  demoAgent?: boolean;
}

export async function createServer(config: ServerConfig, parts: ServerParts = {}): Promise<RunningServer> {
  const faq = await loadFaqBundle(config.faq, config.faqOptions);
  const replies = config.replies ? await loadFaqBundle(config.replies, config.faqOptions, REPLIES_FILE) : null;
  try {
    // Conversations are personal data: only the server's user may read them.
    await makeDirectory(config.data, 0o700);
  } catch (error) {
    throw await dataDirCreateProblem(config.data, error);
  }
  // The lock keeps a second server off the SQLite file. Servers sharing PostgreSQL share the
  // directory too, and the database only with Redis (postgres-server-lock.ts).
  const lock = config.database
    ? await lockDatabase(config.database, config.redis, parts.log ?? limitRepeats(printError))
    : await lockDataDir(config.data);
  if ('heldBy' in lock) {
    throw new StartError(
      `Another Kohtaamo server${lock.heldBy ? ` (pid ${lock.heldBy})` : ''} is using ${config.data}; stop it or pass another --data.`,
    );
  }
  try {
    return await start(config, parts, lock, { faq, replies });
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function start(config: ServerConfig, parts: ServerParts, lock: DataLock, loaded: { faq: FaqLoaded; replies: FaqLoaded | null }): Promise<RunningServer> {
  // Each kind of error once a minute with a count: a database down fails every write the same way.
  const printed = limitRepeats(printError);
  // A write the store refused for its storage's sake: the store has said where, why and what to do (storage-problem.ts).
  const log = parts.log ?? ((error: unknown) => (toldOperator(error) ? undefined : printed(error)));
  const info = parts.info ?? printInfo;
  const { agents, demo, store, bus, stored } = await openParts(config, parts, log);
  // An edited FAQ (or saved replies) replaces the served one only when it is valid; widgets revalidate by ETag.
  const faq = servedFaqFile(config.faq, config.faqOptions, FAQ_FILE, loaded.faq, info);
  const replies = config.replies && loaded.replies ? servedFaqFile(config.replies, config.faqOptions, REPLIES_FILE, loaded.replies, info) : null;
  const now = Date.now;
  const webhook = config.webhook ? createWebhook({ ...config.webhook, log }) : undefined;
  const conversations = createConversations({
    store,
    bus,
    queueDebounceMs: config.queueDebounceMs,
    queuePreviewMs: config.queuePreviewMs,
    now,
    onError: log,
    identitySecret: config.identitySecret,
    onUnverifiable: unsetSecretNotice(info),
    faqQuestion: (id) => faq.current().questions.get(id),
    // Whether anyone is online is known once presence is made below, before any socket can write.
    onWritten: (written) => {
      toWebhook?.(written);
      emailFollowUp?.written(written);
    },
  });
  const toWebhook = webhook && notifyWebhook(webhook, store, () => presence.staffed(), log);
  // Whether the visitor is away is known once visitor presence is made below, before any socket can write.
  const emailFollowUp =
    config.email &&
    createEmailFollowUp({ store, conversations, mailer: createMailer(config.email), visitorState: (id) => visitorPresence.state(id), afterMs: config.email.afterMs, siteMail: siteMailAddress(config.email.from), siteOrigins: () => originCheck.origins(), shared: Boolean(config.redis && config.database), now, log });

  // The allowed origins are known once listening (the default is the server's own origin, port included).
  const originCheck = createOriginCheck(config.origins, info);
  const { originAllowed } = originCheck;
  // Presence is made once listening, before any request can log out.
  const sessions = createAgentSessions({
    store,
    agents,
    bus,
    releaseLoggedOut: (agent) => conversations.releaseLoggedOut(agent),
    elsewhere: (agentId, session) => presence.elsewhere(agentId, session),
    sessionMs: config.sessionMs,
    now,
    log,
  });
  const { agentOf } = sessions;
  const faqStats = createFaqStats({ save: (counts) => store.addFaqStats(counts), flushMs: config.faqStatsFlushMs, log });
  const { addressOf, viaUntrustedProxy } = createRequestAddress(config.trustProxy, info);

  const demoSite = usesDemoFaq(config);
  const http = createHttpServer(
    slowClientServerOptions(config.http),
    createHttpHandler({
      root: config.root,
      demoSite,
      faq: () => faq.current(),
      replies: () => replies?.current() ?? null,
      report: (days) => siteReport(stored, { days, until: now(), timeZone: config.timeZone }),
      sessionEnd: sessions.endOf,
      bodyBytes: config.bodyBytes,
      log,
      originAllowed,
      unlimitedBeacons: isLoopback,
      clientAddress: addressOf,
      sharedAddress: viaUntrustedProxy,
      files: createFileRoutes({
        visitorOf: async (token) => (await store.visitorByTokenHash(hashToken(token)))?.id ?? null,
        agentOf,
        send: (visitorId, clientId, file) => conversations.visitorFile(visitorId, clientId, file),
        sendAsAgent: (agent, conversationId, clientId, file) => conversations.agentFile(agent, conversationId, clientId, file),
        file: (id) => store.file(id),
        originAllowed,
        newFileId: () => newId('f'),
        openConversationId: (visitorId) => store.openConversationId(visitorId),
        fileBytes: (conversationId) => store.fileBytes(conversationId),
        clientAddress: addressOf,
        unlimitedAddress: isLoopback,
        limits: config.uploads,
      }),
      faqStat(stat) {
        if (!faq.current().ids.has(stat.faqId)) return false;
        faqStats.count(stat, now());
        return true;
      },
      login: sessions.login,
      logout: sessions.logout,
      health: healthCheck(store, bus),
    }),
  );
  await new Promise<void>((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) => reject(listenProblem(error, config.host, config.port)));
    http.listen(config.port, config.host, resolve);
  }).catch(async (error: unknown) => {
    faq.close();
    replies?.close();
    await Promise.all([store.close(), bus.close(), agents.close()]);
    throw error;
  });
  // After listening, a server error (e.g. out of file descriptors on accept) is logged, not fatal.
  http.on('error', log);
  // A proxy on this host, or one the operator named, carries every client: it is not one client holding many connections.
  const slowClients = guardSlowClients(http, {
    ...config.http,
    isUpload: (req) => req.method === 'POST' && requestPath(req.url) === FILES_PATH,
    exempt: (peer) => isLoopback(peer) || isTrustedProxy(config.trustProxy, peer),
  });
  const port = (http.address() as AddressInfo).port;
  const origins = originCheck.listening(config.host, port);

  // Scaled out, who is online is counted across the servers; alone, this process is the whole picture.
  const shared = config.redis ? bus : undefined;
  const syncMs = config.presenceSyncMs ?? SYNC_MS;
  // And whether a server silent on Redis still lives is asked of the database: one cut off from
  // Redis only still has its agents, who must not be taken for away (server-liveness.ts).
  const liveness = shared && config.database ? await startServerLiveness(config.database, randomUUID(), syncMs, log) : undefined;
  const presence = createPresence({
    awayMs: config.agentAwayMs,
    unstaffedGraceMs: config.unstaffedGraceMs,
    onAway: (agent) => void conversations.releaseAway(agent).catch(log),
    bus: shared,
    syncMs,
    liveness,
  });
  if (webhook) presence.onStaffed(notifyUnattended(webhook, store, now, log));
  // After a restart nobody is connected yet: agents holding conversations get the same grace as after a drop.
  for (const c of await store.openConversations()) if (c.status === 'active' && c.agent) presence.expect(c.agent);
  // A removed agent's conversations go back to the queue at once: removed while this server runs
  // (heard below), or while it was stopped (now, after the grace above, which they would wait out).
  const removedAgents = releaseRemovedAgents({ agents, store, release: (agent) => conversations.releaseRemoved(agent), log });
  await removedAgents.check();
  // `kohtaamo agent remove` or `agent passwd` while the server runs (here or on any server): the
  // agent's consoles check their sessions again, and a removed agent's conversations are released.
  const agentsWatch = agents.watch(() => {
    bus.publish(topics.agents, { kind: 'sessions' });
    void removedAgents.check();
  });
  const visitorPresence = createVisitorPresence((visitorId, state) => void conversations.visitorPresence(visitorId, state).catch(log), config.visitorGoneMs, {
    bus: shared,
    syncMs,
    liveness,
    // A visitor with a conversation open is remembered as gone for as long as it is (their queue place, Take the next visitor).
    remember: whileOpen(store),
  });
  // Replies a visitor had not seen when the last server stopped: watched again, now that presence is known.
  void emailFollowUp?.resume();
  // What waiting visitors are told to expect starts from the last week's waits (a store passed in, as tests do, is not where `stored` reads).
  const lastWeek = parts.store ? [] : await stored.serviceEvents(now() - 7 * DAY_MS).catch((error: unknown) => (log(error), []));
  const waitEstimate = createWaitEstimate(bus, waitsOf(lastWeek));
  const deps: SocketDeps = { store, bus, conversations, presence, visitorPresence, typicalWait: (queue) => waitEstimate.typical(queue, now()), agentSessionEnd: sessions.ended, faqHas: (id) => faq.current().ids.has(id), emailsReplies: emailFollowUp !== undefined, siteMail: config.email ? siteMailAddress(config.email.from) : undefined, consoleBuild: () => readConsoleBuild(config.root), opensAt: () => (config.hours ? (nextOpening(config.hours, now()) ?? undefined) : undefined), closesAt: () => (config.hours ? (closesAt(config.hours, now()) ?? undefined) : undefined), now, log, heartbeatMs: config.heartbeatMs, helloTimeoutMs: config.helloTimeoutMs, closedVisibleMs: config.closedVisibleMs, rate: config.rate };
  // Loopback is not capped, as for the socket limits: a proxy on this host carries every client.
  const waiting = createWaitingLimit({ maxPerAddress: config.waitingPerAddress, graceMs: config.visitorGoneMs, exempt: isLoopback });
  const sockets = attachSockets(http, {
    originAllowed,
    heartbeatMs: config.heartbeatMs,
    closeGraceMs: config.closeGraceMs,
    idleTimeoutMs: config.idleTimeoutMs,
    perAddress: config.perAddress,
    clientAddress: addressOf,
    upgraded: slowClients.upgraded,
    visitor: (conn, address) => visitorSession(conn, deps, waiting.slot(address)),
    agent: (conn) => agentSession(conn, deps),
  });

  // A store passed in, as tests do, is not where `stored` prunes (retention-schedule.ts).
  const stopRetention = parts.store ? undefined : await startRetention({ retentionDays: config.retentionDays, stored, now, info, log });

  const shownHost = config.host === '0.0.0.0' || config.host === '::' || config.host === '127.0.0.1' ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    origins,
    demo,
    demoSite,
    faq: { entries: loaded.faq.entries, warnings: loaded.faq.warnings },
    replies: loaded.replies && { entries: loaded.replies.entries },
    agentCount: async () => (await agents.list()).length,
    async close() {
      faq.close();
      replies?.close();
      agentsWatch.close();
      stopRetention?.();
      sockets.close();
      await emailFollowUp?.close();
      presence.dispose();
      visitorPresence.dispose();
      // After the goodbye on the bus: should Redis have lost it, the others drop us at their next read.
      await liveness?.stop();
      waitEstimate.dispose();
      // After the writes under way have settled and before the bus closes: the queue push still due goes now.
      await conversations.dispose();
      // Notices still to go get a few seconds (WEBHOOK_DEFAULTS.shutdownGraceMs); they are not stored.
      await webhook?.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await faqStats.dispose();
      await Promise.all([store.close(), bus.close(), agents.close()]);
      await lock.release();
    },
  };
}

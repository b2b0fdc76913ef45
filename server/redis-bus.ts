// The scale-out bus: Redis pub/sub, so a change made on one server process reaches the sockets
// of every other. One connection publishes, one listens (a subscribed Redis connection can do
// nothing else). A process hears its own publishes back through Redis, which is how its own
// sockets get them: delivering locally as well would deliver twice.
//
// Pub/sub keeps nothing: a message published while a process is cut off from Redis never
// reaches it. Nothing is lost for that: every message about a conversation follows a committed
// write, and when the connection is back every handler hears `resync` and reads the store again
// (the feed, feed.ts, also fills any gap in sequence numbers as soon as the next event arrives).
// A process whose publisher was cut off drops what it publishes meanwhile (queued, a publish
// could arrive after a newer state was read), and once back asks every process to read again.
//
// Cut off without a word (a network partition: no FIN, no RST), a connection would look fine until
// TCP keepalive gave up, half a minute and more, while publishes vanished and nothing was heard.
// So each connection is sent a PING every few seconds, and one whose command goes unanswered for
// a moment is dropped (ioredis's socketTimeout) and handled as any lost connection: said once,
// unhealthy, reconnected, resubscribed, and every handler reads the store again. Its own handlers
// read it once already as the connection is dropped: what it published into the silence never
// came back to them.
//
// While cut off, the process still hears its own publishes: it delivers them to its own handlers
// itself, so a visitor and an agent on the same server go on talking. Not on the presence topic:
// there a process that hears its own heartbeat believes it is connected (shared-count.ts).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { topics } from './bus';
import type { Bus, BusMessage } from './bus';
import { DEFAULTS } from './defaults';
import type { BusPing } from './defaults';
import { printError } from './operator-log';

export interface RedisBusOptions {
  /** Put before every channel name, so several deployments (or test runs) can share one Redis; open-parts.ts names it after the database. */
  prefix?: string;
  /** Errors, and the operator's news of the connection as strings: lost once, back once. */
  log?: (error: unknown) => void;
  /** How often each connection is checked, and how long a command may go unanswered before it is dropped. */
  ping?: BusPing;
}

const DEFAULT_PREFIX = 'kohtaamo:';
/** The bus's own channel (no topic has a '.'): a process that dropped publishes asks all to read the store again. */
const RESYNC = '.resync';
/** How long a closing bus lets Redis answer its QUIT before it drops the connection. */
const QUIT_MS = 1_000;

/** A promise to wait on and the function that resolves it. */
function signal(): { fired: Promise<void>; fire: () => void } {
  let fire = () => {};
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fired, fire };
}

const reason = (error: unknown) => (error instanceof Error ? error.message : 'the connection closed');

export async function createRedisBus(url: string, options: RedisBusOptions = {}): Promise<Bus> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const log = options.log ?? ((error: unknown) => printError('redis', error));
  const ping = options.ping ?? DEFAULTS.busPing;
  // Named, so `redis-cli client list` shows whose connections these are. The listener subscribes
  // its topics itself each time it is back (not ioredis, which would leave out one asked for
  // while Redis was away, and bring back one given up meanwhile).
  const connect = async (role: 'publisher' | 'subscriber') => {
    // A command under way when the connection drops is not sent again on the next one: a publish
    // arriving late could tell sockets of a state older than what they have read since.
    // `socketTimeout`: a command unanswered this long (the PING below, a publish, the handshake of
    // a reconnection into a network that says nothing) destroys the socket, and ioredis reconnects.
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 3,
      autoResubscribe: false,
      autoResendUnfulfilledCommands: false,
      socketTimeout: ping.timeoutMs,
      connectionName: `${prefix}${role}`,
    });
    // ioredis's own rejection says only "Connection is closed."; the first error says why
    // (connect ECONNREFUSED 127.0.0.1:6379), in the one line the start prints.
    let first: unknown;
    client.on('error', (error: unknown) => void (first ??= error));
    try {
      await client.connect();
    } catch (error) {
      client.disconnect();
      throw first ?? error;
    }
    return client;
  };
  const publisher = await connect('publisher');
  const subscriber = await connect('subscriber').catch((error: unknown) => {
    publisher.disconnect();
    throw error;
  });

  const me = randomUUID();
  const handlers = new Map<string, Set<(message: BusMessage) => void>>();
  /** Something published since the publisher was last connected did not go. */
  let unsent = false;
  /** The listener receives on every topic in `handlers` (false from a drop until it has subscribed them all again). */
  let live = true;
  /** Resolves when the listener's connection goes: nothing waits on a subscription that cannot come. */
  let dropped = signal();
  const pending = new Set<Promise<unknown>>();
  // A command that fails fails because the connection went; the listener subscribes again when back.
  const track = (command: Promise<unknown>) => {
    const settled = command.catch(() => {}).finally(() => pending.delete(settled));
    pending.add(settled);
  };

  const deliver = (topic: string, message: BusMessage) => {
    // Only our servers publish on the deployment's channels; still, a handler that fails on a
    // message must not take the process down with it, nor keep the message from the others.
    for (const handler of [...(handlers.get(topic) ?? [])]) {
      try {
        handler(message);
      } catch (error) {
        log(error);
      }
    }
  };

  // The operator hears of the connection once when it goes and once when it is back: not of every
  // reconnection attempt (each an error event) nor of every publish that could not go.
  let closing = false;
  let lost: { unsent: number } | null = null;
  const goneNow = (cause: unknown) => {
    if (closing || lost) return;
    lost = { unsent: 0 };
    log(`Redis lost: live delivery between servers paused (${reason(cause)}); this server's own sockets still hear each other`);
  };
  const backNow = () => {
    if (!lost || !live || publisher.status !== 'ready') return;
    const unsent = lost.unsent > 0 ? `; ${lost.unsent} ${lost.unsent === 1 ? 'message' : 'messages'} could not be relayed, so every server reads the store again` : '';
    lost = null;
    log(`Redis back: resynced, this server's sockets read the store again${unsent}`);
  };
  const notSent = () => {
    unsent = true;
    if (lost) lost.unsent++;
  };
  for (const client of [publisher, subscriber]) {
    client.on('error', goneNow);
    client.on('close', () => goneNow(undefined));
  }

  // A subscribed connection may PING too (RESP2 answers it as a message, which ioredis matches to
  // the command). Only a connected one: queued for a connection to come, a PING finds nothing out.
  const pinging = new Set<Redis>();
  const pinger = setInterval(() => {
    for (const client of [publisher, subscriber]) {
      if (client.status !== 'ready' || pinging.has(client)) continue;
      pinging.add(client);
      void client
        .ping()
        .catch(() => {})
        .finally(() => pinging.delete(client));
    }
  }, ping.everyMs);

  const resyncAll = () => {
    for (const topic of [...handlers.keys()]) deliver(topic, { kind: 'resync' });
  };
  track(subscriber.subscribe(prefix + RESYNC));
  publisher.on('ready', () => {
    if (unsent) {
      unsent = false;
      publisher.publish(prefix + RESYNC, me).catch(() => (unsent = true));
    }
    backNow();
  });

  // Lost while live: what this process published since its link last answered went into a
  // connection that may have been silent for seconds (a partition is found only by an unanswered
  // PING), never heard back, so its own sockets missed it. They read the store now (it still
  // answers without Redis) rather than when Redis is back; from here on they hear its publishes
  // from publish() itself. Not the presence topic: it hears nothing of its own while cut off.
  subscriber.on('close', () => {
    const wasLive = live;
    live = false;
    dropped.fire();
    if (!wasLive || closing) return;
    for (const topic of [...handlers.keys()]) if (topic !== topics.presence) deliver(topic, { kind: 'resync' });
  });
  // Back after losing Redis: subscribe every topic again, and once Redis has confirmed them, tell
  // every handler to read the store again: whatever was published meanwhile never arrives.
  subscriber.on('ready', () => {
    subscriber.subscribe(...[RESYNC, ...handlers.keys()].map((topic) => prefix + topic)).then(
      () => {
        if (subscriber.status !== 'ready') return;
        live = true;
        dropped = signal();
        resyncAll();
        backNow();
      },
      // Gone again before the answer: the next 'ready' does it all again.
      () => {},
    );
  });

  subscriber.on('message', (channel: string, payload: string) => {
    if (channel === prefix + RESYNC) return void (payload !== me && resyncAll());
    let message: BusMessage;
    try {
      message = JSON.parse(payload) as BusMessage;
    } catch (error) {
      return log(error);
    }
    deliver(channel.slice(prefix.length), message);
  });

  return {
    publish(topic, message) {
      const payload = JSON.stringify(message);
      const sent = publisher.status === 'ready';
      if (sent) publisher.publish(prefix + topic, payload).catch(notSent);
      else notSent();
      // Not heard back through Redis now: this process's own sockets hear it from here. A copy,
      // as Redis would deliver it. (Heard twice only if the listener's subscription is confirmed
      // between this and its 'live': the feed drops an event it has sent, the rest are states.)
      if ((!live || !sent) && topic !== topics.presence) deliver(topic, JSON.parse(payload) as BusMessage);
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) {
        handlers.set(topic, (set = new Set()));
        // While the listener is away, it subscribes the topic when back.
        if (subscriber.status === 'ready') track(subscriber.subscribe(prefix + topic));
      }
      set.add(handler);
      return () => {
        if (!set.delete(handler) || set.size > 0 || handlers.get(topic) !== set) return;
        handlers.delete(topic);
        if (subscriber.status === 'ready') track(subscriber.unsubscribe(prefix + topic));
      };
    },
    async ready() {
      // Cut off, nothing is heard anyway: the caller reads the store now, and each handler hears
      // `resync` once its subscription is live again. A drop meanwhile ends the wait the same way.
      if (!live) return;
      await Promise.race([Promise.all([...pending]), dropped.fired]);
    },
    healthy: () => live && publisher.status === 'ready',
    async close() {
      closing = true;
      clearInterval(pinger);
      handlers.clear();
      await Promise.all([subscriber, publisher].map(end));
    },
  };
}

/**
 * Lets go of a connection. QUIT lets what was sent go first, but on a connection that is down it
 * waits for a reconnection that may never come, and the client goes on trying: the process would
 * not exit. So QUIT only when connected, for a second at most, and then drop it whatever happened.
 */
async function end(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, QUIT_MS)));
    await Promise.race([client.quit().catch(() => {}), late]);
    clearTimeout(timer);
  }
  client.disconnect();
}

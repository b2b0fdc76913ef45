// The scale-out bus: Redis pub/sub, so a change made on one server process reaches the sockets
// of every other. One connection publishes, one listens (a subscribed Redis connection can do
// nothing else). A process hears its own publishes back through Redis, which is how its own
// sockets get them: delivering locally as well would deliver twice.
//
// Pub/sub keeps nothing: a message published while a process is cut off from Redis never
// reaches it. Nothing is lost for that: every message about a conversation follows a committed
// write, and when the connection is back every handler hears `resync` and reads the store again
// (the feed, feed.ts, also fills any gap in sequence numbers as soon as the next event arrives).
import { Redis } from 'ioredis';
import type { Bus, BusMessage } from './bus';

export interface RedisBusOptions {
  /** Put before every channel name, so several deployments (or test runs) can share one Redis; app.ts names it after the database. */
  prefix?: string;
  log?: (error: unknown) => void;
}

const DEFAULT_PREFIX = 'kohtaamo:';

export async function createRedisBus(url: string, options: RedisBusOptions = {}): Promise<Bus> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const log = options.log ?? ((error: unknown) => console.error('[kohtaamo] redis', error));
  // Named, so `redis-cli client list` shows whose connections these are.
  const connect = async (role: 'publisher' | 'subscriber') => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, connectionName: `${prefix}${role}` });
    // ioredis reconnects by itself; say so once per failure rather than crash on an unhandled 'error'.
    client.on('error', log);
    await client.connect().catch((error: unknown) => {
      client.disconnect();
      throw error;
    });
    return client;
  };
  const publisher = await connect('publisher');
  const subscriber = await connect('subscriber').catch(async (error: unknown) => {
    publisher.disconnect();
    throw error;
  });

  const handlers = new Map<string, Set<(message: BusMessage) => void>>();
  const pending = new Set<Promise<unknown>>();
  const track = (command: Promise<unknown>) => {
    const settled = command.catch(log).finally(() => pending.delete(settled));
    pending.add(settled);
  };

  // Back after losing Redis (ioredis has resubscribed by then: a PING answered on the same
  // connection comes after the SUBSCRIBEs): whatever was published meanwhile never arrives, so
  // every handler is told to read the store again.
  subscriber.on('ready', () => {
    subscriber.ping().then(() => {
      for (const set of handlers.values()) for (const handler of [...set]) handler({ kind: 'resync' });
    }, log);
  });

  subscriber.on('message', (channel: string, payload: string) => {
    const set = handlers.get(channel.slice(prefix.length));
    if (!set) return;
    let message: BusMessage;
    try {
      message = JSON.parse(payload) as BusMessage;
    } catch (error) {
      return log(error);
    }
    // Only our servers publish on the deployment's channels; still, a handler that fails on a
    // message must not take the process down with it, nor keep the message from the others.
    for (const handler of [...set]) {
      try {
        handler(message);
      } catch (error) {
        log(error);
      }
    }
  });

  return {
    publish(topic, message) {
      publisher.publish(prefix + topic, JSON.stringify(message)).catch(log);
    },
    subscribe(topic, handler) {
      let set = handlers.get(topic);
      if (!set) {
        handlers.set(topic, (set = new Set()));
        track(subscriber.subscribe(prefix + topic));
      }
      set.add(handler);
      return () => {
        if (!set.delete(handler) || set.size > 0 || handlers.get(topic) !== set) return;
        handlers.delete(topic);
        track(subscriber.unsubscribe(prefix + topic));
      };
    },
    async ready() {
      await Promise.all([...pending]);
    },
    healthy: () => publisher.status === 'ready' && subscriber.status === 'ready',
    async close() {
      handlers.clear();
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}

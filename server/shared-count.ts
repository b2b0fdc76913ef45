// Open keys (agents, visitors) counted across every server process behind the load balancer, not
// just this one. Each process tells the others over the bus which keys it opened or closed, and
// every `syncMs` all the keys it holds: a heartbeat that also repairs a lost message. A process not
// heard from for three heartbeats died or lost the bus. Only if it died do its keys close as if its
// sockets had: given `liveness` (server-liveness.ts, scaled out), a process still beating in the
// database lost only Redis, and its sockets are open and used (an agent answering her visitors);
// its keys stay until it is heard again, or stops beating, asked every heartbeat.
//
// A message is only ever about its sender's own keys and replaces what was known of them, so
// only the order of one process's own messages matters (Redis keeps that; one connection
// publishes). Messages of different processes may arrive in any order.
//
// The bus delivers a process's own messages back to it (that is how its own sockets hear them).
// A process that does not even hear itself is cut off from the bus, and silence from the others
// then says nothing about them: it keeps what it knew rather than count every agent elsewhere
// away, which would put all their conversations back in the queue during a Redis outage.
import { randomUUID } from 'node:crypto';
import { topics, type Bus, type BusMessage, type PresenceEntry } from './bus';
import { createOpenCount } from './open-count';

/** How often a process lists all it holds. */
export const SYNC_MS = 10_000;
/** Heartbeats a process may miss before the others drop it: one lost message is not a death. */
const MISSED_HEARTBEATS = 3;

type PresenceMessage = Extract<BusMessage, { kind: 'presence' }>;

export interface Change {
  /** The name given with the key ('' if none): an agent's, so the away callback can say who. */
  name: string;
  /** Whether a socket on this process opened or closed it (rather than news from another). */
  here: boolean;
}

export interface SharedCountOptions {
  /** Which set this is ('agents', 'visitors'): the sets share one topic. */
  set: string;
  /** Absent: counted in this process alone, as with one server. */
  bus?: Bus;
  syncMs?: number;
  /** Absent: a process silent on the bus for three heartbeats is taken for dead. */
  liveness?: Liveness;
  /** `key` went from open nowhere in the cluster to open somewhere. */
  first(key: string, change: Change): void;
  /** `key` went from open somewhere to open nowhere. */
  last(key: string, change: Change): void;
}

/** Whose process this is, and whether another one lives though silent on the bus (server-liveness.ts). */
export interface Liveness {
  /** This process's id on the bus: one for all its counts (the sets keep them apart), as the database knows it. */
  process: string;
  alive(process: string): boolean;
}

export type SharedCount = ReturnType<typeof createSharedCount>;

export function createSharedCount({ set, bus, syncMs = SYNC_MS, liveness, first, last }: SharedCountOptions) {
  // Random per count without liveness, so two counts in one test process are two processes as well.
  const me = liveness?.process ?? randomUUID();
  let disposed = false;

  /** For each key open anywhere: how many holders (this process, other processes), and the first one's name. */
  const holders = new Map<string, { count: number; name: string }>();
  // Nothing fires after dispose: a socket closing during shutdown must not start new timers.
  const add = (key: string, name: string, here: boolean) => {
    const held = holders.get(key);
    if (held) return void held.count++;
    holders.set(key, { count: 1, name });
    if (!disposed) first(key, { name, here });
  };
  const remove = (key: string, here: boolean) => {
    const held = holders.get(key);
    if (!held) return;
    if (--held.count > 0) return;
    holders.delete(key);
    if (!disposed) last(key, { name: held.name, here });
  };

  const send = (content: Omit<PresenceMessage, 'kind' | 'process' | 'set'>) => {
    if (bus && !disposed) bus.publish(topics.presence, { kind: 'presence', process: me, set, ...content });
  };
  const entry = (id: string, name: string): PresenceEntry => (name ? { id, name } : { id });

  /** The keys open on this process, with their names: what a heartbeat lists. */
  const mine = new Map<string, string>();
  const sendAll = (sync = false) => send({ all: [...mine].map(([id, name]) => entry(id, name)), ...(sync ? { sync: true as const } : {}) });
  const local = createOpenCount({
    first(key) {
      const name = mine.get(key) ?? '';
      add(key, name, true);
      send({ opened: [entry(key, name)] });
    },
    last(key) {
      mine.delete(key);
      remove(key, true);
      send({ closed: [key] });
    },
  });

  /** The other processes: the keys each holds, and the timer that drops it if it falls silent. */
  type Other = { keys: Map<string, string>; silence?: NodeJS.Timeout };
  const others = new Map<string, Other>();
  /** (Re)starts the wait after which `process`, silent all along, is dropped. */
  const awaitNews = (process: string, other: Other, ms = MISSED_HEARTBEATS * syncMs) => {
    clearTimeout(other.silence);
    other.silence = setTimeout(() => drop(process), ms).unref();
  };
  /** When this process last heard its own message: at least every `syncMs` while the bus works. */
  let heardSelfAt = Date.now();
  const drop = (process: string) => {
    const other = others.get(process);
    if (!other) return;
    // Two heartbeats of our own missing: we are the one cut off. Ask again after another three.
    if (Date.now() - heardSelfAt > 2 * syncMs) return awaitNews(process, other);
    // Still beating in the database: only its Redis is away, its agents are at their consoles. Asked
    // again every heartbeat, so that once it stops beating (crashed) it goes as soon as before.
    if (liveness?.alive(process)) return awaitNews(process, other, syncMs);
    clearTimeout(other.silence);
    others.delete(process);
    for (const key of other.keys.keys()) remove(key, false);
  };

  const hear = (message: BusMessage) => {
    // Back after losing the bus: what others opened or closed meanwhile is lost; ask for all of it.
    if (message.kind === 'resync') return sendAll(true);
    if (message.kind !== 'presence' || message.set !== set) return;
    // Our own, echoed back: proof the bus works here, but counting it would hold every key twice.
    if (message.process === me) return void (heardSelfAt = Date.now());
    let other = others.get(message.process);
    const known = other !== undefined;
    if (!other) others.set(message.process, (other = { keys: new Map() }));
    awaitNews(message.process, other);
    const { keys } = other;
    const open = (key: string, name: string) => {
      if (keys.has(key)) return;
      keys.set(key, name);
      add(key, name, false);
    };
    const close = (key: string) => {
      if (keys.delete(key)) remove(key, false);
    };
    if (message.all) {
      const now = new Set(message.all.map((e) => e.id));
      for (const key of [...keys.keys()]) if (!now.has(key)) close(key);
      for (const e of message.all) open(e.id, e.name ?? '');
    }
    for (const e of message.opened ?? []) open(e.id, e.name ?? '');
    for (const key of message.closed ?? []) close(key);
    // Last, after our view is settled: with the memory bus the answers arrive within this call.
    if (message.sync) sendAll();
    // Heard from in part only (we dropped it, and it lives): ask it, and everyone, for all.
    else if (!known && !message.all) sendAll(true);
  };

  let stop = () => {};
  if (bus) {
    const unsubscribe = bus.subscribe(topics.presence, hear);
    const heartbeat = setInterval(() => sendAll(), syncMs).unref();
    stop = () => {
      unsubscribe();
      clearInterval(heartbeat);
    };
    // A process that just started asks for everyone's keys rather than wait for their heartbeats:
    // an agent whose conversations it `expect`s may be connected elsewhere. Once subscribed, so
    // the answers reach it; if that fails it asks anyway, and the heartbeats repair what it misses.
    const hello = () => sendAll(true);
    void bus.ready().then(hello, hello);
  }

  return {
    /** A socket of `key` opened here (with the name to report it by); call the returned function when it closes. */
    opened(key: string, name = ''): () => void {
      if (!local.has(key)) mine.set(key, name);
      return local.opened(key);
    },
    /** Whether `key` is open on any process. */
    has: (key: string): boolean => holders.has(key),
    /** How many keys are open on any process. */
    size: (): number => holders.size,
    /** The keys open on any process, with their names. */
    entries: (): { key: string; name: string }[] => [...holders].map(([key, held]) => ({ key, name: held.name })),
    /** Tells the others this process holds nothing any more, and stops listening. */
    dispose() {
      if (disposed) return;
      // Without this goodbye the others would keep our keys open for three heartbeats.
      send({ all: [] });
      disposed = true;
      stop();
      for (const other of others.values()) clearTimeout(other.silence);
      others.clear();
    },
  };
}

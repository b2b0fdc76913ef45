// A TCP proxy of our own between the chat clients and the server, able to break each
// connection in the ways real networks do: latency, a clean close, a silent one-way black
// hole (the half-dead connection that only heartbeats catch), and a reset (RST).
// It forwards bytes only, so it knows nothing of HTTP or WebSocket framing.
import net from 'node:net';

/** `up` is client → server, `down` is server → client. */
export type Direction = 'up' | 'down';

export interface FaultCounts {
  delay: number;
  drop: number;
  blackholeUp: number;
  blackholeDown: number;
  reset: number;
}

export interface ProxyStats {
  /** Client connections accepted. */
  connections: number;
  /** Client connections closed because the server was not there (e.g. while it restarts). */
  refused: number;
  bytesUp: number;
  bytesDown: number;
  faults: FaultCounts;
  /** For each black-holed connection whose client gave up on it: ms from the fault to the client's close. */
  blackholeNoticedMs: number[];
}

/** One proxied connection and the faults that can be injected into it. */
export interface ProxyLink {
  readonly id: number;
  readonly open: boolean;
  /** Hold every later chunk in both directions for `ms` (order is kept). */
  delay(ms: number): void;
  /** Close both ends (FIN). */
  drop(): void;
  /** Stop forwarding one direction without telling anyone; both sockets stay open. */
  blackhole(direction: Direction): void;
  /** Abort both ends with a TCP RST. */
  reset(): void;
}

export interface FaultProxy {
  readonly port: number;
  /** Connections that are still open, oldest first. */
  links(): ProxyLink[];
  stats(): ProxyStats;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  targetPort: number;
  targetHost?: string;
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  host?: string;
}

/** One direction of a connection: forwards chunks in order, maybe late, maybe never. */
class Pipe {
  delayMs = 0;
  blackholed = false;
  /** The end of the stream has been accepted for forwarding. */
  ending = false;
  private readonly queue: { due: number; chunk: Buffer | null }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly to: net.Socket,
    private readonly count: (bytes: number) => void,
  ) {}

  /** A chunk, or null for the end of the stream. */
  push(chunk: Buffer | null): void {
    if (this.blackholed) return;
    if (chunk) this.count(chunk.length);
    else this.ending = true;
    if (this.delayMs === 0 && this.queue.length === 0) return this.write(chunk);
    // Due times never go backwards, so one timer for the head keeps the order.
    const last = this.queue[this.queue.length - 1]?.due ?? 0;
    this.queue.push({ due: Math.max(Date.now() + this.delayMs, last), chunk });
    this.pump();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }

  private pump(): void {
    if (this.timer) return;
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      const wait = head.due - Date.now();
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        return;
      }
      this.queue.shift();
      if (!this.blackholed) this.write(head.chunk);
    }
  }

  private write(chunk: Buffer | null): void {
    if (this.to.destroyed) return;
    if (chunk) this.to.write(chunk);
    else this.to.end();
  }
}

export function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const { targetPort, targetHost = '127.0.0.1', port = 0, host = '127.0.0.1' } = options;
  const stats: ProxyStats = {
    connections: 0,
    refused: 0,
    bytesUp: 0,
    bytesDown: 0,
    faults: { delay: 0, drop: 0, blackholeUp: 0, blackholeDown: 0, reset: 0 },
    blackholeNoticedMs: [],
  };
  const open = new Map<number, { link: ProxyLink; shut: () => void }>();
  let nextId = 1;

  const server = net.createServer((client) => {
    stats.connections++;
    const id = nextId++;
    const upstream = net.connect({ port: targetPort, host: targetHost });
    let connected = false;
    const up = new Pipe(upstream, (n) => (stats.bytesUp += n));
    const down = new Pipe(client, (n) => (stats.bytesDown += n));
    const isOpen = (): boolean => !client.destroyed && !upstream.destroyed;
    let blackholedAt: number | null = null;

    const abort = (socket: net.Socket, rst: boolean): void => {
      if (socket.destroyed) return;
      // resetAndDestroy() throws on a socket that is still connecting.
      if (rst && !socket.connecting) socket.resetAndDestroy();
      else socket.destroy();
    };
    const shut = (rst: boolean): void => {
      up.stop();
      down.stop();
      abort(client, rst);
      abort(upstream, rst);
    };

    client.on('data', (chunk: Buffer) => up.push(chunk));
    client.on('end', () => up.push(null));
    upstream.on('data', (chunk: Buffer) => down.push(chunk));
    upstream.on('end', () => down.push(null));
    upstream.once('connect', () => (connected = true));
    // An error on one side (RST, or no server listening) is passed on as a reset of the other,
    // unless that direction is a black hole, which swallows the news too.
    client.on('error', () => {
      if (!up.blackholed) abort(upstream, true);
    });
    upstream.on('error', () => {
      if (!connected) stats.refused++;
      if (!down.blackholed) abort(client, true);
    });
    // A side that closed after a clean FIN lets the other drain what it still owes; any
    // other close (error, destroy) closes the other side at once, again unless the news
    // would have to cross a black hole: then the other side finds out by its own timeouts.
    const onClose = (other: net.Socket, toOther: Pipe) => () => {
      if (!toOther.ending && !toOther.blackholed) abort(other, false);
      if (client.destroyed && upstream.destroyed) {
        open.delete(id);
        up.stop();
        down.stop();
      }
    };
    client.on('close', () => {
      if (blackholedAt !== null) stats.blackholeNoticedMs.push(Date.now() - blackholedAt);
    });
    client.on('close', onClose(upstream, up));
    upstream.on('close', onClose(client, down));

    const link: ProxyLink = {
      id,
      get open() {
        return isOpen();
      },
      delay(ms) {
        if (!isOpen()) return;
        stats.faults.delay++;
        up.delayMs = ms;
        down.delayMs = ms;
      },
      drop() {
        if (!isOpen()) return;
        stats.faults.drop++;
        shut(false);
      },
      blackhole(direction) {
        const pipe = direction === 'up' ? up : down;
        if (!isOpen() || pipe.blackholed) return;
        if (direction === 'up') stats.faults.blackholeUp++;
        else stats.faults.blackholeDown++;
        pipe.blackholed = true;
        pipe.stop();
        blackholedAt ??= Date.now();
      },
      reset() {
        if (!isOpen()) return;
        stats.faults.reset++;
        shut(true);
      },
    };
    open.set(id, { link, shut: () => shut(false) });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('proxy has no TCP address'));
      resolve({
        port: address.port,
        links: () => [...open.values()].map((entry) => entry.link).filter((link) => link.open),
        stats: () => structuredClone(stats),
        close: () =>
          new Promise<void>((done) => {
            for (const entry of open.values()) entry.shut();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Total faults injected, all kinds together. */
export function totalFaults(faults: FaultCounts): number {
  return faults.delay + faults.drop + faults.blackholeUp + faults.blackholeDown + faults.reset;
}

// A TCP proxy between a server under test and a shared service (Redis, PostgreSQL) that the test
// can take down, bring back or freeze, so an outage is tested without touching the service the
// other tests use. Bytes only, like the chaos suite's fault proxy (tests/chaos/fault-proxy.ts).
import net from 'node:net';

export interface ServiceProxy {
  /** `url` (the service's) with the proxy's host and port in it. */
  url(url: string): string;
  /** Resets every open connection and refuses new ones (accepted and reset at once), as a service that went away. */
  down(): void;
  /** Every open and new connection stops forwarding, both ways, without a word: a stalled network or a hung service. */
  freeze(): void;
  /** Forwards again; frozen connections are dropped, as a network that comes back finds them dead. */
  up(): void;
  /** Connections opened since the proxy started, refused ones included: whether a client still tries. */
  readonly attempts: number;
  close(): Promise<void>;
}

export async function startServiceProxy(target: string): Promise<ServiceProxy> {
  const { hostname, port } = new URL(target);
  let state: 'up' | 'down' | 'frozen' = 'up';
  let attempts = 0;
  const open = new Set<{ client: net.Socket; upstream: net.Socket | null }>();
  const reset = (socket: net.Socket | null) => {
    if (!socket || socket.destroyed) return;
    if (socket.connecting) socket.destroy();
    else socket.resetAndDestroy();
  };
  const drop = (link: { client: net.Socket; upstream: net.Socket | null }) => {
    reset(link.client);
    reset(link.upstream);
    open.delete(link);
  };

  const server = net.createServer((client) => {
    attempts++;
    client.on('error', () => {});
    if (state === 'down') return void reset(client);
    const link: { client: net.Socket; upstream: net.Socket | null } = { client, upstream: null };
    open.add(link);
    client.on('close', () => drop(link));
    // A frozen proxy accepts and then says nothing, as a connection into a stalled network.
    if (state === 'frozen') return;
    const upstream = net.connect({ host: hostname, port: Number(port) });
    link.upstream = upstream;
    upstream.on('error', () => drop(link));
    upstream.on('close', () => drop(link));
    client.on('data', (chunk: Buffer) => state === 'up' && upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => state === 'up' && client.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxyPort = (server.address() as net.AddressInfo).port;

  return {
    url(url) {
      const moved = new URL(url);
      moved.hostname = '127.0.0.1';
      moved.port = String(proxyPort);
      return moved.toString();
    },
    down() {
      state = 'down';
      for (const link of [...open]) drop(link);
    },
    freeze() {
      state = 'frozen';
    },
    up() {
      if (state === 'frozen') for (const link of [...open]) drop(link);
      state = 'up';
    },
    get attempts() {
      return attempts;
    },
    close() {
      for (const link of [...open]) drop(link);
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { clientAddress, parseTrustProxy, type TrustProxy } from './client-address';
import { createIpLimits, isLoopback } from './ip-limits';
import { attachSockets } from './ws-adapter';

describe('per-address socket limits', () => {
  it('lets an address open sockets at the set pace and hold a set number, and frees a slot on close', () => {
    const limits = createIpLimits({ perSecond: 1, burst: 2, maxOpen: 3, exempt: () => false });
    const a = limits.admit('203.0.113.7', 0);
    const b = limits.admit('203.0.113.7', 0);
    expect([a.ok, b.ok, limits.admit('203.0.113.7', 0)]).toEqual([true, true, { ok: false, reason: 'rate' }]);
    // Another address has its own allowance.
    expect(limits.admit('198.51.100.1', 0).ok).toBe(true);
    expect(limits.admit('203.0.113.7', 1_000).ok).toBe(true);
    expect(limits.admit('203.0.113.7', 10_000)).toEqual({ ok: false, reason: 'open' });
    if (a.ok) {
      a.release();
      a.release(); // a close reported twice frees one slot
    }
    expect(limits.admit('203.0.113.7', 10_000).ok).toBe(true);
    expect(limits.admit('203.0.113.7', 20_000)).toEqual({ ok: false, reason: 'open' });
  });

  it('counts an IPv6 client by its /64, and an IPv4-mapped one as the IPv4 address', () => {
    const limits = createIpLimits({ perSecond: 1, burst: 10, maxOpen: 2, exempt: () => false });
    expect(['2001:db8:5:6::1', '2001:db8:5:6::2', '2001:db8:5:6:ffff::3'].map((a) => limits.admit(a, 0).ok)).toEqual([true, true, false]);
    expect(limits.admit('2001:db8:5:7::1', 0).ok).toBe(true);
    expect(['203.0.113.7', '::ffff:203.0.113.7', '::ffff:203.0.113.7'].map((a) => limits.admit(a, 0).ok)).toEqual([true, true, false]);
  });

  it('knows loopback in both address families', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['10.0.0.1', '::ffff:10.0.0.1', '2001:db8::1', '1270.0.0.1'].map(isLoopback)).toEqual([false, false, false, false]);
  });
});

describe('the socket server', () => {
  let http: Server;
  let close = () => {};
  afterEach(async () => {
    close();
    await new Promise((resolve) => http.close(resolve));
  });

  it('refuses an address over its limits with 429 before the upgrade, and takes it again once it has closed a socket', async () => {
    http = createServer();
    const session = () => ({ frame: () => {}, closed: () => {} });
    close = attachSockets(http, {
      originAllowed: () => true,
      heartbeatMs: 10_000,
      idleTimeoutMs: 30_000,
      closeGraceMs: 100,
      visitor: session,
      agent: session,
      perAddress: { perSecond: 100, burst: 100, maxOpen: 2, exempt: () => false },
    }).close;
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws/visitor`;
    const open = () =>
      new Promise<WebSocket | number>((resolve) => {
        const ws = new WebSocket(url);
        ws.once('open', () => resolve(ws));
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      });
    const first = await open();
    const second = await open();
    expect(await open()).toBe(429);
    if (typeof first === 'number') throw new Error(`refused: ${first}`);
    const gone = new Promise((resolve) => first.once('close', resolve));
    first.close();
    await gone;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const third = await open();
    expect(third).toBeInstanceOf(WebSocket);
    for (const ws of [second, third]) if (typeof ws !== 'number') ws.close();
  });

  it("behind a trusted proxy on this host, limits each client it names rather than letting all through as loopback", async () => {
    http = createServer();
    const session = () => ({ frame: () => {}, closed: () => {} });
    const trust = parseTrustProxy('loopback') as TrustProxy;
    close = attachSockets(http, {
      originAllowed: () => true,
      heartbeatMs: 10_000,
      idleTimeoutMs: 30_000,
      closeGraceMs: 100,
      visitor: session,
      agent: session,
      // Loopback stays exempt (the default), as for a proxy that is not trusted.
      perAddress: { perSecond: 100, burst: 100, maxOpen: 2 },
      clientAddress: (request) => clientAddress(request.socket.remoteAddress ?? '', request.headers['x-forwarded-for'], trust),
    }).close;
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws/visitor`;
    const open = (client?: string) =>
      new Promise<WebSocket | number>((resolve) => {
        const ws = new WebSocket(url, client ? { headers: { 'x-forwarded-for': client } } : {});
        ws.once('open', () => resolve(ws));
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      });
    // One subscriber's /64, a new address for each socket.
    const sockets = [await open('2001:db8:9:9::1'), await open('2001:db8:9:9::2')];
    expect(await open('2001:db8:9:9::3')).toBe(429);
    sockets.push(await open('198.51.100.4'), await open(), await open(), await open());
    expect(sockets.map((ws) => ws instanceof WebSocket)).toEqual(Array(6).fill(true));
    for (const ws of sockets) if (typeof ws !== 'number') ws.close();
  });
});

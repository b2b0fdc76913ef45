import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
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
});

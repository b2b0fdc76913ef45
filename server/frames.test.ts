// The pipeline's rate limit on its own, with a clock the test moves.
import { describe, expect, it } from 'vitest';
import { CLOSE } from '../protocol';
import { createPipeline, Later } from './frames';

type Frame = { type: 'hello' } | { type: 'msg'; id: string };

function pipeline() {
  const sent: { type: string; code?: string }[] = [];
  const handled: string[] = [];
  let closedWith: number | null = null;
  let clock = 0;
  const session = createPipeline<Frame>({
    conn: { send: (m: { type: string; code?: string }) => void sent.push(m), close: (code: number) => void (closedWith = code) },
    parse: (raw) => ({ ok: true, value: JSON.parse(raw) as Frame }),
    rate: { perSecond: 20, burst: 40 },
    helloTimeoutMs: 1_000,
    now: () => clock,
    hello: async () => true,
    handle: async (m) => void handled.push(m.id),
    closed: () => undefined,
    log: () => undefined,
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
  return { session, sent, handled, settle, closedWith: () => closedWith, advance: (ms: number) => void (clock += ms) };
}

describe('the frame pipeline', () => {
  it('ends a flood at the first frame over the limit: one coded error, close 4029, nothing after it handled', async () => {
    const p = pipeline();
    p.session.frame(JSON.stringify({ type: 'hello' }));
    await p.settle();
    const ids = Array.from({ length: 50 }, (_, i) => `m${i}`);
    for (const id of ids.slice(0, 45)) p.session.frame(JSON.stringify({ type: 'msg', id }));
    // A second later the bucket has refilled; a connection that only dropped would read these.
    p.advance(1_000);
    for (const id of ids.slice(45)) p.session.frame(JSON.stringify({ type: 'msg', id }));
    await p.settle();

    expect(p.sent.filter((m) => m.type === 'error')).toEqual([expect.objectContaining({ code: 'rate_limited' })]);
    expect(p.closedWith()).toBe(CLOSE.rateLimited);
    expect(p.handled).toEqual(ids.slice(0, p.handled.length));
    expect(p.handled.length).toBeLessThanOrEqual(39);
  });

  it('takes a steady stream under the limit, however long', async () => {
    const p = pipeline();
    p.session.frame(JSON.stringify({ type: 'hello' }));
    await p.settle();
    const ids = Array.from({ length: 200 }, (_, i) => `m${i}`);
    for (const id of ids) {
      p.session.frame(JSON.stringify({ type: 'msg', id }));
      p.advance(60);
    }
    await p.settle();
    expect(p.sent).toEqual([]);
    expect(p.closedWith()).toBeNull();
    expect(p.handled).toEqual(ids);
  });

  it('ends the connection when a write fails in the store, handling nothing after it', async () => {
    const handled: string[] = [];
    let closedWith: number | null = null;
    let failWrite = (_error: Error) => {};
    const session = createPipeline<Frame>({
      conn: { send: () => {}, close: (code: number) => void (closedWith = code) },
      parse: (raw) => ({ ok: true, value: JSON.parse(raw) as Frame }),
      rate: { perSecond: 20, burst: 40 },
      helloTimeoutMs: 1_000,
      now: () => 0,
      hello: async () => true,
      // m1's write is queued and fails later, as a store out of reach does.
      handle: async (m) => {
        handled.push(m.id);
        return new Later(m.id === 'm1' ? new Promise<void>((_, reject) => (failWrite = reject)) : Promise.resolve());
      },
      closed: () => undefined,
      log: () => undefined,
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
    session.frame(JSON.stringify({ type: 'hello' }));
    session.frame(JSON.stringify({ type: 'msg', id: 'm1' }));
    session.frame(JSON.stringify({ type: 'msg', id: 'm2' }));
    await settle();
    failWrite(new Error('store out of reach'));
    await settle();
    // Handled after the failure, m3 would be stored before m1's resend.
    session.frame(JSON.stringify({ type: 'msg', id: 'm3' }));
    await settle();
    expect(closedWith).toBe(CLOSE.internal);
    expect(handled).toEqual(['m1', 'm2']);
  });

  it('answers a frame it could not take with internal, logged, and takes the next: a throw out of it would end the process', async () => {
    const sent: { type: string; code?: string }[] = [];
    const handled: string[] = [];
    const logged: unknown[] = [];
    const session = createPipeline<Frame>({
      conn: { send: (m: { type: string; code?: string }) => void sent.push(m), close: () => undefined },
      parse: (raw) => {
        if (raw === 'boom') throw new RangeError('Maximum call stack size exceeded');
        return { ok: true, value: JSON.parse(raw) as Frame };
      },
      rate: { perSecond: 20, burst: 40 },
      helloTimeoutMs: 1_000,
      now: () => 0,
      hello: async () => true,
      handle: async (m) => void handled.push(m.id),
      closed: () => {
        throw new Error('cleanup failed');
      },
      log: (error) => void logged.push(error),
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
    session.frame(JSON.stringify({ type: 'hello' }));
    await settle();
    expect(() => session.frame('boom')).not.toThrow();
    session.frame(JSON.stringify({ type: 'msg', id: 'm1' }));
    await settle();
    expect(sent).toEqual([expect.objectContaining({ type: 'error', code: 'internal' })]);
    expect(logged).toEqual([expect.any(RangeError)]);
    expect(handled).toEqual(['m1']);
    expect(() => session.closed()).not.toThrow();
    expect(logged).toHaveLength(2);
  });
});

import { expect, it } from 'vitest';
import { LIMITS, type ConversationEvent } from '../protocol';
import { byBytes, createFeed } from './feed';

const event = (seq: number): ConversationEvent => ({ seq, id: `e${seq}`, at: seq, role: 'visitor', body: { kind: 'text', text: `t${seq}` } });
const fail = (error: unknown) => expect.fail(String(error));

it('holds live events during a replay and sends each event once, in order', async () => {
  const sent: number[] = [];
  let release = () => {};
  const feed = createFeed(
    (_id, events) => sent.push(...events.map((e) => e.seq)),
    async (_id, after) => {
      await new Promise<void>((resolve) => (release = resolve));
      return [2, 3, 4].filter((s) => s > after).map(event);
    },
    fail,
  );
  const replay = feed.replay('c', 1);
  // Seq 4 was committed during the read: it comes both live and from the store.
  feed.live('c', [event(4), event(5)]);
  expect(sent).toEqual([]);
  release();
  await replay;
  feed.live('c', [event(5), event(6)]);
  expect(sent).toEqual([2, 3, 4, 5, 6]);
});

it('fills a gap in live events from the store: publishes of two processes can overtake each other', async () => {
  const stored = [1, 2, 3, 4, 5].map(event);
  const sent: number[][] = [];
  const reads: number[] = [];
  const feed = createFeed(
    (_id, events) => sent.push(events.map((e) => e.seq)),
    async (_id, after) => {
      reads.push(after);
      return stored.filter((e) => e.seq > after);
    },
    fail,
  );
  await feed.replay('c', 0);
  sent.length = 0;
  stored.push(event(6), event(7));
  // 7 arrives before 6: 6 is read from the store, then 6 arriving late is not sent again.
  feed.live('c', [event(7)]);
  await new Promise((resolve) => setTimeout(resolve, 0));
  feed.live('c', [event(6)]);
  feed.live('c', [event(8)]);
  expect(sent).toEqual([[6, 7], [8]]);
  expect(reads).toEqual([0, 5]);
});

it('sends nothing past a gap it could not read, and reads it again at the next live event', async () => {
  const stored = [1, 2, 3, 4, 5, 6, 7].map(event);
  const sent: number[] = [];
  const errors: unknown[] = [];
  let down = false;
  const feed = createFeed(
    (_id, events) => sent.push(...events.map((e) => e.seq)),
    async (_id, after) => {
      if (down) throw new Error('store out of reach');
      return stored.filter((e) => e.seq > after);
    },
    (error) => errors.push(error),
  );
  await feed.replay('c', 0);
  sent.length = 0;
  stored.push(event(8), event(9));
  down = true;
  // 8's publish was lost; 9 arrives, and the read of 8 fails: 9 must not go out, or the client,
  // resuming from the highest seq it holds, would never ask for 8.
  feed.live('c', [event(9)]);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(sent).toEqual([]);
  expect(errors).toEqual([expect.objectContaining({ message: 'store out of reach' })]);
  down = false;
  stored.push(event(10));
  feed.live('c', [event(10)]);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(sent).toEqual([8, 9, 10]);
});

it('sends nothing more of a conversation it was told to forget, not even what a replay under way reads', async () => {
  const sent: number[] = [];
  let release = () => {};
  const feed = createFeed(
    (_id, events) => sent.push(...events.map((e) => e.seq)),
    async (_id, after) => {
      await new Promise<void>((resolve) => (release = resolve));
      return [1, 2, 3].filter((s) => s > after).map(event);
    },
    fail,
  );
  const replay = feed.replay('c', 0);
  feed.live('c', [event(3)]);
  feed.forget('c');
  release();
  await replay;
  expect(sent).toEqual([]);
});

it('splits what it sends by bytes as well as by count: 17 replies of 4,000 characters are no one frame of 70 K', async () => {
  const long = (seq: number): ConversationEvent => ({ seq, id: `e${seq}`, at: seq, role: 'agent', body: { kind: 'text', text: 'ä'.repeat(LIMITS.text) } });
  const stored = Array.from({ length: 17 }, (_, i) => long(i + 1));
  const frames: ConversationEvent[][] = [];
  const feed = createFeed((_id, events) => frames.push(events), async (_id, after, limit) => stored.filter((e) => e.seq > after).slice(0, limit), fail);
  await feed.replay('c', 0);
  expect(frames.flat().map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
  expect(frames.length).toBeGreaterThan(1);
  for (const frame of frames) expect(Buffer.byteLength(JSON.stringify({ type: 'events', conversationId: 'c'.repeat(LIMITS.id), after: 9e15, events: frame }))).toBeLessThanOrEqual(LIMITS.eventsBytes);
});

it('sends an event bigger than a frame alone, in order with the rest', () => {
  const big: ConversationEvent = { seq: 2, id: 'e2', at: 2, role: 'visitor', body: { kind: 'text', text: 'x'.repeat(LIMITS.eventsBytes) } };
  expect(byBytes([event(1), big, event(3), event(4)]).map((part) => part.map((e) => e.seq))).toEqual([[1], [2], [3, 4]]);
});

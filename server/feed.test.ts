import { expect, it } from 'vitest';
import type { ConversationEvent } from '../protocol';
import { createFeed } from './feed';

const event = (seq: number): ConversationEvent => ({ seq, id: `e${seq}`, at: seq, role: 'visitor', body: { kind: 'text', text: `t${seq}` } });

it('holds live events during a replay and sends each event once, in order', async () => {
  const sent: number[] = [];
  const feed = createFeed((_id, events) => sent.push(...events.map((e) => e.seq)));
  let release = () => {};
  const replay = feed.replay('c', 1, async (after) => {
    await new Promise<void>((resolve) => (release = resolve));
    return [2, 3, 4].filter((s) => s > after).map(event);
  });
  // Seq 4 was committed during the read: it comes both live and from the store.
  feed.live('c', [event(4), event(5)]);
  expect(sent).toEqual([]);
  release();
  await replay;
  feed.live('c', [event(5), event(6)]);
  expect(sent).toEqual([2, 3, 4, 5, 6]);
});

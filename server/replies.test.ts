// Answers to writes: in frame order, and a write the store failed is answered by its id too.
import { expect, it } from 'vitest';
import type { Outcome } from './conversations';
import { orderedReplies } from './replies';

it("answers a write the store failed with a coded error carrying the frame's id, in its place among the others", async () => {
  const sent: { type: string; id?: string; code?: string; seq?: number }[] = [];
  const reply = orderedReplies({ send: (frame) => void sent.push(frame), close: () => {} });
  let failLater = (_error: Error) => {};
  const failing = new Promise<Outcome>((_, reject) => (failLater = reject));
  const ok = (seq: number): { outcome: Promise<Outcome> } => ({ outcome: Promise.resolve({ ok: true, conversationId: 'c1', seq }) });
  reply('m1', ok(1));
  const failed = reply('m2', { outcome: failing });
  const last = reply('m3', ok(2));
  failLater(new Error('connection terminated'));
  // The failure goes on to the pipeline, which ends the connection (frames.test.ts).
  await expect(failed.done).rejects.toThrow('connection terminated');
  await last.done;
  expect(sent.map((f) => [f.type, f.id, f.code ?? f.seq])).toEqual([
    ['ack', 'm1', 1],
    ['error', 'm2', 'internal'],
    ['ack', 'm3', 2],
  ]);
});

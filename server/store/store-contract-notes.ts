// The store contract's notes and the server's records (an email sent, replies seen, read
// marks): in any conversation, once, leaving its age alone. Apart from the other areas of the
// contract so each can be read, and grown, alone.
import { expect, it } from 'vitest';
import { handoff } from './store-contract-drafts';
import type { Store } from './types';

/** Registers its tests in the caller's describe; `current` is that test's fresh store, with visitor v1. */
export function notesContract(current: () => Store): void {
  it("takes any agent's note in any conversation, once, without touching what the visitor sees of it", async () => {
    const store = current();
    await store.handoff(handoff());
    const aino = { id: 'aino', name: 'Aino' };
    const eero = { id: 'eero', name: 'Eero' };
    // Queued, nobody's: a note is anyone's to write.
    expect(await store.note('c1', eero, 'n1', 'Soitti myös puhelimeen', 20)).toMatchObject({
      ok: true,
      duplicate: false,
      conversation: null,
      events: [{ seq: 2, id: 'n1', role: 'agent', name: 'Eero', body: { kind: 'note', text: 'Soitti myös puhelimeen' } }],
    });
    expect(await store.note('c1', eero, 'n1', 'Soitti myös puhelimeen', 21)).toMatchObject({ ok: true, duplicate: true, events: [{ seq: 2 }] });
    await store.claim('c1', aino, 'k1', 30);
    await store.closeConversation('c1', 'agent', 'aino', 'x1', 40);
    // Closed, and a colleague's: still anyone's to note on.
    expect(await store.note('c1', eero, 'n2', 'Hyvitys tehty', 50)).toMatchObject({ ok: true, events: [{ seq: 5, body: { kind: 'note' } }] });
    const after = await store.conversation('c1');
    // The conversation's age (how long the widget shows it closed, retention) and its last message stay.
    expect(after).toMatchObject({ status: 'closed', updatedAt: 40, lastSeq: 5 });
    expect(after?.lastText).not.toBe('Hyvitys tehty');
    expect(await store.note('nope', eero, 'n3', 'x', 60)).toEqual({ ok: false, code: 'not_found' });
    expect((await store.searchConversations('hyvitys', 5)).map((c) => c.id)).toEqual(['c1']);
  });

  it('records an email to the visitor, or replies they saw, once, in a closed conversation too, without touching its age', async () => {
    const store = current();
    await store.handoff(handoff());
    await store.claim('c1', { id: 'aino', name: 'Aino' }, 'k1', 30);
    await store.closeConversation('c1', 'agent', 'aino', 'x1', 40);
    const body = { kind: 'emailed', to: 'matti@example.fi', replies: 2, through: 3 } as const;
    expect(await store.record('c1', 'emailed.3', body, 50)).toMatchObject({ ok: true, duplicate: false, conversation: null, events: [{ seq: 4, role: 'system', body }] });
    // Another server deciding the same email finds it written: it sends nothing.
    expect(await store.record('c1', 'emailed.3', body, 51)).toMatchObject({ ok: true, duplicate: true, events: [{ seq: 4 }] });
    expect(await store.conversation('c1')).toMatchObject({ status: 'closed', updatedAt: 40, lastSeq: 4 });
    expect(await store.record('nope', 'emailed.1', body, 60)).toEqual({ ok: false, code: 'not_found' });
    // What the visitor saw is recorded the same way, and leaves the conversation's age alone too.
    const seen = { kind: 'seen', through: 3 } as const;
    expect(await store.record('c1', 'seen.3', seen, 70)).toMatchObject({ ok: true, duplicate: false, events: [{ seq: 5, role: 'system', body: seen }] });
    expect(await store.conversation('c1')).toMatchObject({ updatedAt: 40, lastSeq: 5 });
    // And the agent's read mark, which the visitor is sent: no activity either.
    const read = { kind: 'read', through: 2 } as const;
    expect(await store.record('c1', 'read.2', read, 80)).toMatchObject({ ok: true, duplicate: false, events: [{ seq: 6, body: read }] });
    expect(await store.conversation('c1')).toMatchObject({ updatedAt: 40, lastSeq: 6 });
  });
}

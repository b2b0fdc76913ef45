// The store contract's files: a visitor's or an agent's file stored with the event that shows
// it, once, and found with whose it is. Apart from the other areas of the contract so each can
// be read, and grown, alone.
import { expect, it } from 'vitest';
import { handoff } from './store-contract-drafts';
import type { EventDraft, Store } from './types';

/** Registers its tests in the caller's describe; `current` is that test's fresh store, with visitor v1. */
export function filesContract(current: () => Store): void {
  it("stores a visitor's file with the event that shows it, once, and finds it with whose it is", async () => {
    const store = current();
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0, 255]);
    const file = { id: 'f1', type: 'image/jpeg' as const, name: 'sohva.jpg', bytes };
    const draft: EventDraft = { clientId: 'p1', at: 5, role: 'visitor', body: { kind: 'file', fileId: 'f1', name: 'sohva.jpg', type: 'image/jpeg', size: bytes.length } };
    expect(await store.visitorMessage('v1', draft, file)).toEqual({ ok: false, code: 'no_conversation' });
    expect(await store.file('f1')).toBeNull();
    await store.handoff(handoff());
    expect(await store.visitorMessage('v1', draft, file)).toMatchObject({ ok: true, duplicate: false, conversationId: 'c1', events: [{ seq: 2, body: { kind: 'file', fileId: 'f1' } }] });
    // A resent upload: the same event, and no second file under the same id.
    expect(await store.visitorMessage('v1', draft, file)).toMatchObject({ ok: true, duplicate: true, events: [{ seq: 2 }] });
    const stored = await store.file('f1');
    expect(stored).toMatchObject({ id: 'f1', conversationId: 'c1', visitorId: 'v1', type: 'image/jpeg', name: 'sohva.jpg' });
    expect(Buffer.compare(stored!.bytes, bytes)).toBe(0);
    expect(await store.file('nope')).toBeNull();
    // What the conversation holds, which its visitor's next files are measured against; a resend is not counted twice.
    expect([await store.fileBytes('c1'), await store.fileBytes('nope')]).toEqual([bytes.length, 0]);
    // The queue's preview names it, and an agent's search finds it by its name.
    expect((await store.conversation('c1'))?.lastText).toBe('📎 sohva.jpg');
    expect((await store.searchConversations('SOHVA.jpg', 5)).map((c) => c.id)).toEqual(['c1']);
  });

  it("stores an agent's file only in their own conversation, once", async () => {
    const store = current();
    const bytes = Buffer.from('%PDF-1.7\n');
    const file = { id: 'f2', type: 'application/pdf' as const, name: 'palautuslappu.pdf', bytes };
    const draft: EventDraft = { clientId: 'a1', at: 5, role: 'agent', name: 'Aino', body: { kind: 'file', fileId: 'f2', name: 'palautuslappu.pdf', type: 'application/pdf', size: bytes.length } };
    await store.handoff(handoff());
    expect(await store.append('c1', draft, { agentId: 'aino' }, file)).toEqual({ ok: false, code: 'not_assigned' });
    expect(await store.file('f2')).toBeNull();
    await store.claim('c1', { id: 'aino', name: 'Aino' }, 'k1', 4);
    expect(await store.append('c1', draft, { agentId: 'aino' }, file)).toMatchObject({ ok: true, duplicate: false, events: [{ seq: 3, role: 'agent' }] });
    expect(await store.append('c1', draft, { agentId: 'aino' }, { ...file, id: 'f3' })).toMatchObject({ ok: true, duplicate: true, events: [{ seq: 3 }] });
    expect(await store.file('f2')).toMatchObject({ conversationId: 'c1', visitorId: 'v1', name: 'palautuslappu.pdf' });
    expect(await store.file('f3')).toBeNull();
    expect(await store.fileBytes('c1')).toBe(bytes.length);
  });
}

// The store contract's assignment: who may claim, take over, pass, release and close a
// conversation, and what each agent may then write in it (rules.ts). Apart from the other areas
// of the contract so each can be read, and grown, alone.
import { expect, it } from 'vitest';
import { handoff, text } from './store-contract-drafts';
import type { Store } from './types';

/** Registers its tests in the caller's describe; `current` is that test's fresh store, with visitor v1. */
export function assignmentContract(current: () => Store): void {
  it('guards claim, writes, close and rating', async () => {
    const store = current();
    await store.handoff(handoff());
    const aino = { id: 'aino', name: 'Aino' };
    expect(await store.append('c1', { ...text('a1'), role: 'agent' }, { agentId: 'aino' })).toEqual({ ok: false, code: 'not_assigned' });
    expect(await store.claim('c1', aino, 'k1', 30)).toMatchObject({ ok: true, conversation: { status: 'active', agent: aino } });
    expect(await store.claim('c1', { id: 'eero', name: 'Eero' }, 'k2', 31)).toEqual({ ok: false, code: 'already_claimed' });
    expect(await store.claim('c1', aino, 'k3', 31)).toMatchObject({ ok: true, duplicate: true, events: [] });
    expect(await store.rate('v1', 5, undefined, 'r0', 32)).toEqual({ ok: false, code: 'no_conversation' });
    expect(await store.closeConversation('c1', 'agent', 'eero', 'x1', 33)).toEqual({ ok: false, code: 'not_assigned' });
    expect(await store.closeConversation('c1', 'agent', 'aino', 'x2', 34)).toMatchObject({ ok: true, conversation: { status: 'closed' } });
    expect(await store.visitorMessage('v1', text('late'))).toEqual({ ok: false, code: 'no_conversation' });
    expect(await store.rate('v1', 4, 'hyvä', 'r1', 35)).toMatchObject({ ok: true, conversation: { rating: { score: 4, comment: 'hyvä' } } });
    expect(await store.rate('v1', 1, undefined, 'r2', 36)).toEqual({ ok: false, code: 'already_rated' });
    expect(await store.currentConversation('v1')).toBeNull();
  });

  it('lets any agent close a queued conversation nobody reached, without a claim, and a colleague’s active one only after taking it over', async () => {
    const store = current();
    await store.handoff(handoff());
    const closed = await store.closeConversation('c1', 'agent', 'eero', 'x1', 30);
    expect(closed).toMatchObject({ ok: true, conversation: { status: 'closed' }, events: [{ role: 'system', body: { kind: 'closed', by: 'agent' } }] });
    // Nobody joined: no agent, no wait for one.
    expect((await store.conversation('c1'))?.agent).toBeUndefined();
    expect(await store.closeConversation('c1', 'agent', 'aino', 'x2', 31)).toEqual({ ok: false, code: 'conversation_closed' });

    await store.handoff(handoff({ handoffId: 'h2', conversationId: 'c2', at: 40 }));
    await store.claim('c2', { id: 'aino', name: 'Aino' }, 'k1', 41);
    expect(await store.closeConversation('c2', 'agent', 'eero', 'x3', 42)).toEqual({ ok: false, code: 'not_assigned' });
  });

  it('lets a colleague take over only when asked to, and an agent put their conversation back in the queue', async () => {
    const store = current();
    await store.handoff(handoff());
    const aino = { id: 'aino', name: 'Aino' };
    const eero = { id: 'eero', name: 'Eero' };
    expect(await store.release('c1', aino, 'r0', 29)).toEqual({ ok: false, code: 'not_assigned' });
    await store.claim('c1', aino, 'k1', 30);
    expect(await store.release('c1', eero, 'r1', 31)).toEqual({ ok: false, code: 'not_assigned' });
    const taken = await store.claim('c1', eero, 'k2', 32, true);
    expect(taken).toMatchObject({ ok: true, conversation: { status: 'active', agent: eero }, events: [{ body: { kind: 'joined', agent: 'Eero', from: 'Aino' } }] });
    expect(await store.append('c1', { ...text('a1'), role: 'agent' }, { agentId: 'aino' })).toEqual({ ok: false, code: 'not_assigned' });
    expect(await store.append('c1', { ...text('e1'), role: 'agent' }, { agentId: 'eero' })).toMatchObject({ ok: true });
    // A resent takeover is acked where it was stored.
    expect(await store.claim('c1', eero, 'k2', 33, true)).toMatchObject({ ok: true, duplicate: true });

    const released = await store.release('c1', eero, 'r2', 34);
    expect(released).toMatchObject({ ok: true, duplicate: false, events: [{ body: { kind: 'released', agent: 'Eero' } }] });
    expect(released.ok && released.conversation).toMatchObject({ status: 'queued' });
    expect(released.ok && released.conversation?.agent).toBeUndefined();
    expect((await store.openConversations()).map((c) => c.status)).toEqual(['queued']);
    expect(await store.append('c1', { ...text('e2'), role: 'agent' }, { agentId: 'eero' })).toEqual({ ok: false, code: 'not_assigned' });
    // Back in the queue: a plain claim takes it, and the visitor's messages still reach it.
    expect(await store.visitorMessage('v1', text('odotan yhä'))).toMatchObject({ ok: true, conversationId: 'c1' });
    expect(await store.claim('c1', aino, 'k3', 35)).toMatchObject({ ok: true, events: [{ body: { kind: 'joined', agent: 'Aino' } }] });
    await store.closeConversation('c1', 'agent', 'aino', 'x1', 36);
    expect(await store.release('c1', aino, 'r3', 37)).toEqual({ ok: false, code: 'conversation_closed' });
    expect(await store.claim('c1', eero, 'k4', 38, true)).toEqual({ ok: false, code: 'conversation_closed' });
  });

  it('takes over only from the colleague the takeover names: not from one who took it over first, nor after it was passed on', async () => {
    const store = current();
    await store.handoff(handoff());
    const aino = { id: 'aino', name: 'Aino' };
    const eero = { id: 'eero', name: 'Eero' };
    const veera = { id: 'veera', name: 'Veera-Maria' };
    await store.claim('c1', eero, 'k1', 30);
    // Aino and Veera both click "Take over from Eero": Aino's lands first.
    expect(await store.claim('c1', aino, 'k2', 31, true, 'eero')).toMatchObject({ ok: true, conversation: { agent: aino }, events: [{ body: { kind: 'joined', agent: 'Aino', from: 'Eero' } }] });
    expect(await store.claim('c1', veera, 'k3', 31, true, 'eero')).toEqual({ ok: false, code: 'already_claimed' });
    // Aino's resend is acked where it was stored; naming the agent who has it still works.
    expect(await store.claim('c1', aino, 'k2', 32, true, 'eero')).toMatchObject({ ok: true, duplicate: true });
    expect(await store.claim('c1', veera, 'k4', 33, true, 'aino')).toMatchObject({ ok: true, conversation: { agent: veera } });
    // A pass that lands just before a takeover: the takeover meant the one who passed it.
    await store.pass('c1', veera, eero, 'p1', 34);
    expect(await store.claim('c1', aino, 'k5', 35, true, 'veera')).toEqual({ ok: false, code: 'already_claimed' });
    // Returned to the queue meanwhile, it is simply claimed.
    await store.release('c1', eero, 'r1', 36);
    expect(await store.claim('c1', aino, 'k6', 37, true, 'eero')).toMatchObject({ ok: true, conversation: { agent: aino }, events: [{ body: { kind: 'joined', agent: 'Aino' } }] });
    expect((await store.eventsAfter('c1', 0, 20)).filter((e) => e.body.kind === 'joined').map((e) => e.name)).toEqual(['Eero', 'Aino', 'Veera-Maria', 'Eero', 'Aino']);
  });

  it('lets the agent who has a conversation pass it to a colleague, once', async () => {
    const store = current();
    await store.handoff(handoff());
    const aino = { id: 'aino', name: 'Aino' };
    const eero = { id: 'eero', name: 'Eero' };
    expect(await store.pass('c1', aino, eero, 'p0', 29)).toEqual({ ok: false, code: 'not_assigned' });
    await store.claim('c1', aino, 'k1', 30);
    expect(await store.pass('c1', eero, aino, 'p1', 31)).toEqual({ ok: false, code: 'not_assigned' });
    const passed = await store.pass('c1', aino, eero, 'p2', 32);
    expect(passed).toMatchObject({ ok: true, duplicate: false, conversation: { status: 'active', agent: eero }, events: [{ role: 'system', body: { kind: 'joined', agent: 'Eero', from: 'Aino', passed: true } }] });
    expect(await store.append('c1', { ...text('a1'), role: 'agent' }, { agentId: 'aino' })).toEqual({ ok: false, code: 'not_assigned' });
    expect(await store.append('c1', { ...text('e1'), role: 'agent' }, { agentId: 'eero' })).toMatchObject({ ok: true });
    // A resend is acked where it was stored; passing it on again is Eero's to do, not Aino's.
    expect(await store.pass('c1', aino, eero, 'p2', 33)).toMatchObject({ ok: true, duplicate: true });
    expect(await store.pass('c1', aino, eero, 'p3', 34)).toEqual({ ok: false, code: 'not_assigned' });
    expect(await store.pass('c1', eero, eero, 'p6', 34)).toMatchObject({ ok: true, duplicate: true, events: [] });
    expect(await store.pass('c1', aino, { id: 'liisa', name: 'Liisa' }, 'p4', 35)).toEqual({ ok: false, code: 'not_assigned' });
    await store.closeConversation('c1', 'agent', 'eero', 'x1', 36);
    expect(await store.pass('c1', eero, aino, 'p5', 37)).toEqual({ ok: false, code: 'conversation_closed' });
  });
}

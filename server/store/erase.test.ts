import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Maintenance } from './maintenance';
import { backends, type Backend } from './test-backends';
import type { HandoffInput, Store, StoredFile } from './types';


const DAY = 24 * 60 * 60 * 1000;
const now = Date.now();

/** A conversation handed off at `at`; closed at `at` unless `open`; with the visitor's messages. */
async function conversation(store: Store, id: string, visitorId: string, at: number, { visitor = {}, texts = [] as string[], open = false, file = undefined as StoredFile | undefined } = {}) {
  const input: HandoffInput = {
    visitorId, handoffId: `h-${id}`, conversationId: id, at, lang: 'fi', page: { url: 'https://kauppa.example/', title: 'Kauppa' },
    reason: 'no_answer', visitor, questions: ['Missä paketti?'], botAnswers: [],
    events: [{ clientId: `h-${id}`, at, role: 'system', body: { kind: 'handoff', reason: 'no_answer', page: { url: 'https://kauppa.example/', title: 'Kauppa' }, lang: 'fi' } }],
  };
  await store.handoff(input);
  for (const [i, text] of texts.entries()) await store.visitorMessage(visitorId, { clientId: `m-${id}-${i}`, at, role: 'visitor', body: { kind: 'text', text } });
  if (file) {
    const body = { kind: 'file', fileId: file.id, name: file.name, type: file.type, size: file.bytes.length } as const;
    await store.visitorMessage(visitorId, { clientId: `f-${id}`, at, role: 'visitor', body }, file);
  }
  if (!open) await store.closeConversation(id, 'visitor', null, `x-${id}`, at);
}

async function seed(backend: Backend) {
  const store = await backend.open();
  for (const v of ['v1', 'v2', 'v3', 'v4', 'v5']) await store.createVisitor(v, `hash-${v}`, now - 400 * DAY);
  await conversation(store, 'anonymous-before', 'v1', now - 300 * DAY);
  await conversation(store, 'signed-in', 'v1', now - 10 * DAY, { visitor: { name: 'Matti', email: 'matti@example.fi', verified: true } });
  await conversation(store, 'wrote-it', 'v2', now - 5 * DAY, { texts: ['Vastaa osoitteeseen MATTI@example.fi kiitos'] });
  await conversation(store, 'someone-else', 'v3', now - 400 * DAY, { texts: ['Hei'] });
  await conversation(store, 'still-talking', 'v4', now, { visitor: { email: 'Matti@Example.fi' }, open: true });
  await store.close();
}

async function remaining(backend: Backend) {
  const store = await backend.open();
  try {
    const ids = ['anonymous-before', 'signed-in', 'wrote-it', 'someone-else', 'still-talking'];
    const found = await Promise.all(ids.map((id) => store.conversation(id)));
    const visitors = await Promise.all(['v1', 'v2', 'v3', 'v4', 'v5'].map((v) => store.visitorByTokenHash(`hash-${v}`)));
    return { conversations: ids.filter((_, i) => found[i]), visitors: visitors.flatMap((v) => (v ? [v.id] : [])) };
  } finally {
    await store.close();
  }
}

describe.each(backends.filter((b) => b.available))('erasing visitors’ data in $name', ({ make }) => {
  let backend: Backend;
  let m: Maintenance;
  beforeEach(async () => {
    backend = await make();
    m = backend.maintenance;
  });
  afterEach(() => backend.remove());

  it('forgets a customer: every conversation with their email, given or written, and their browsers’ others', async () => {
    await seed(backend);
    expect(await m.forget( { email: ' Matti@EXAMPLE.fi ' }, { dryRun: true })).toEqual({ conversations: 3, events: 7, visitors: 2, stillOpen: 1 });
    expect((await remaining(backend)).conversations).toHaveLength(5);
    expect(await m.forget( { email: 'matti@example.fi' })).toEqual({ conversations: 3, events: 7, visitors: 2, stillOpen: 1 });
    expect(await remaining(backend)).toEqual({ conversations: ['someone-else', 'still-talking'], visitors: ['v3', 'v4', 'v5'] });
  });

  it('exports a customer: what forgetting them would delete, with the open conversations it keeps', async () => {
    await seed(backend);
    const data = await m.customerData({ email: 'matti@example.fi' });
    expect(data.visitors.map((v) => v.id)).toEqual(['v1', 'v2', 'v4']);
    expect(data.conversations.map((c) => [c.summary.id, c.summary.status])).toEqual([
      ['anonymous-before', 'closed'],
      ['signed-in', 'closed'],
      ['wrote-it', 'closed'],
      ['still-talking', 'queued'],
    ]);
    const wroteIt = data.conversations.find((c) => c.summary.id === 'wrote-it');
    expect(wroteIt?.events.map((e) => e.body.kind)).toEqual(['handoff', 'text', 'closed']);
    expect(wroteIt?.events[1]).toMatchObject({ seq: 2, role: 'visitor', body: { kind: 'text', text: 'Vastaa osoitteeseen MATTI@example.fi kiitos' } });
    const closed = data.conversations.filter((c) => c.summary.status === 'closed');
    expect(await m.forget({ email: 'matti@example.fi' })).toMatchObject({ conversations: closed.length, events: closed.reduce((n, c) => n + c.events.length, 0) });
    expect((await m.customerData({ email: 'matti@example.fi' })).conversations.map((c) => c.summary.id)).toEqual(['still-talking']);
  });

  it('takes only conversations where the visitor wrote the whole address, not one that merely contains it nor an agent’s text', async () => {
    const store = await backend.open();
    for (const v of ['v1', 'v2', 'v3', 'v4', 'v5']) await store.createVisitor(v, `hash-${v}`, now - 400 * DAY);
    await conversation(store, 'matti', 'v1', now - DAY, { texts: ['Vastaa osoitteeseen Matti@example.fi.'] });
    await conversation(store, 'pekka', 'v2', now - DAY, { texts: ['Olen Pekka, sähköpostini on pekka.matti@example.fi ja tilausnumero 123'] });
    await conversation(store, 'x', 'v3', now - DAY, { texts: ['xmatti@example.fi'] });
    await conversation(store, 'fake', 'v4', now - DAY, { texts: ['matti@example.fi.fake'] });
    // An agent names Matti's address to another customer: that is not the customer's own conversation.
    await conversation(store, 'agent-wrote', 'v5', now - DAY, { open: true });
    await store.claim('agent-wrote', { id: 'aino', name: 'Aino' }, 'c-agent-wrote', now - DAY);
    await store.append('agent-wrote', { clientId: 'a-agent-wrote', at: now - DAY, role: 'agent', name: 'Aino', body: { kind: 'text', text: 'Onko tämä matti@example.fi?' } }, { agentId: 'aino' });
    await store.closeConversation('agent-wrote', 'agent', 'aino', 'x-agent-wrote', now - DAY);
    await store.close();
    expect((await m.customerData({ email: 'matti@example.fi' })).conversations.map((c) => c.summary.id)).toEqual(['matti']);
    expect(await m.forget({ email: 'matti@example.fi' }, { dryRun: true })).toMatchObject({ conversations: 1, visitors: 1 });
  });

  it('takes no one the site identified as someone else, nor an anonymous visitor whose last address given is another, for an address they mention', async () => {
    const store = await backend.open();
    const photo: StoredFile = { id: 'f-receipt', type: 'image/png', name: 'pekan-kuitti.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]) };
    for (const v of ['pekka', 'liisa', 'matti', 'anon-matti']) await store.createVisitor(v, `hash-${v}`, now - 400 * DAY);
    // Pekka, whom the site named, sends a gift to his friend Matti, from a browser with an earlier chat of his.
    const pekka = { name: 'Pekka Virtanen', email: 'pekka@example.fi' };
    await conversation(store, 'pekka-complaint', 'pekka', now - 3 * DAY, { visitor: pekka, texts: ['Henkilötunnukseni loppuosa 123A, tilausnumero 998877'] });
    await conversation(store, 'pekka-gift', 'pekka', now - 2 * DAY, { visitor: pekka, texts: ['Toimitus ystävälleni matti@example.fi'], file: photo });
    // Liisa, not named by the site, names Matti's address and then her own: replies would be emailed to hers.
    await conversation(store, 'liisa-gift', 'liisa', now - 2 * DAY, { texts: ['Lahja osoitteeseen matti@example.fi, vastaa minulle: liisa@example.fi'] });
    await conversation(store, 'matti-own', 'matti', now - DAY, { visitor: { email: 'matti@example.fi' } });
    await conversation(store, 'matti-anonymous', 'anon-matti', now - DAY, { texts: ['Tilasin lahjan pekka@example.fi:lle', 'Vastaa osoitteeseen matti@example.fi'] });
    await store.close();
    expect((await m.customerData({ email: 'matti@example.fi' })).conversations.map((c) => c.summary.id)).toEqual(['matti-own', 'matti-anonymous']);
    expect((await m.customerData({ email: 'pekka@example.fi' })).conversations.map((c) => c.summary.id)).toEqual(['pekka-complaint', 'pekka-gift']);
    expect(await m.forget({ email: 'matti@example.fi' })).toMatchObject({ conversations: 2, visitors: 2 });
    const after = await backend.open();
    try {
      expect(await Promise.all(['pekka-complaint', 'pekka-gift', 'liisa-gift'].map(async (id) => (await after.conversation(id))?.id))).toEqual(['pekka-complaint', 'pekka-gift', 'liisa-gift']);
      expect(await after.file('f-receipt')).toMatchObject({ conversationId: 'pekka-gift' });
    } finally {
      await after.close();
    }
  });

  it('takes a conversation where the visitor wrote their address to the bot before the handoff, as a whole address only', async () => {
    const store = await backend.open();
    const page = { url: 'https://kauppa.example/', title: 'Kauppa' };
    const askedBot = async (visitorId: string, id: string, question: string, { events = true } = {}) => {
      await store.createVisitor(visitorId, `hash-${visitorId}`, now - DAY);
      await store.handoff({
        visitorId, handoffId: `h-${id}`, conversationId: id, at: now - DAY, lang: 'fi', page, reason: 'no_answer', visitor: {}, questions: [question], botAnswers: [],
        events: [
          ...(events ? [{ clientId: `h-${id}.0`, at: now - DAY, role: 'visitor' as const, body: { kind: 'bot.query' as const, query: question, decision: 'none' as const, results: [] } }] : []),
          { clientId: `h-${id}`, at: now - DAY, role: 'system', body: { kind: 'handoff', reason: 'no_answer', page, lang: 'fi' } },
        ],
      });
      await store.closeConversation(id, 'visitor', null, `x-${id}`, now - DAY);
    };
    await askedBot('v1', 'to-bot', 'paketti ei tullut, tilaus 123, Matti@example.fi');
    // Only in the summary's questions (a widget that sent no bot steps).
    await askedBot('v2', 'in-questions', 'vastaus osoitteeseen matti@example.fi', { events: false });
    await askedBot('v3', 'someone-else', 'pekka.matti@example.fi tässä');
    await store.close();
    expect((await m.customerData({ email: 'matti@example.fi' })).conversations.map((c) => c.summary.id)).toEqual(['to-bot', 'in-questions']);
    expect(await m.forget({ email: 'matti@example.fi' })).toMatchObject({ conversations: 2, visitors: 2 });
  });

  it('exports one visitor id, and nothing for someone never seen', async () => {
    await seed(backend);
    expect(await m.customerData({ visitorId: 'v5' })).toEqual({ visitors: [{ id: 'v5', createdAt: now - 400 * DAY }], conversations: [] });
    expect((await m.customerData({ visitorId: 'v3' })).conversations.map((c) => c.summary.id)).toEqual(['someone-else']);
    expect(await m.customerData({ email: 'nobody@example.fi' })).toEqual({ visitors: [], conversations: [] });
    expect(await m.customerData({ visitorId: 'no-such-visitor' })).toEqual({ visitors: [], conversations: [] });
  });

  it('forgets one visitor id', async () => {
    await seed(backend);
    expect(await m.forget( { visitorId: 'v3' })).toEqual({ conversations: 1, events: 3, visitors: 1, stillOpen: 0 });
    expect((await remaining(backend)).conversations).not.toContain('someone-else');
  });

  it('prunes closed conversations and idle visitors older than the cut-off, and nothing newer or open', async () => {
    await seed(backend);
    expect(await m.prune( now - 100 * DAY)).toEqual({ conversations: 2, events: 5, visitors: 2, stillOpen: 0 });
    // v1 keeps its newer conversation; v3's only one went, as did v5, who never handed off.
    expect(await remaining(backend)).toEqual({ conversations: ['signed-in', 'wrote-it', 'still-talking'], visitors: ['v1', 'v2', 'v4'] });
  });

  it('prunes a visitor’s old conversations but keeps them when they came back since, so their next handoff works', async () => {
    const store = await backend.open();
    await store.createVisitor('back', 'hash-back', now - 400 * DAY);
    await store.createVisitor('idle', 'hash-idle', now - 400 * DAY);
    await conversation(store, 'old-back', 'back', now - 300 * DAY);
    await conversation(store, 'old-idle', 'idle', now - 300 * DAY);
    // 'back' opens a page with the widget today: hello found them by their token.
    await store.visitorSeen('back', now);
    await store.close();
    expect(await m.prune(now - 100 * DAY)).toEqual({ conversations: 2, events: 4, visitors: 1, stillOpen: 0 });
    const after = await backend.open();
    try {
      expect((await after.visitorByTokenHash('hash-back'))?.id).toBe('back');
      expect(await after.visitorByTokenHash('hash-idle')).toBeNull();
      const input: HandoffInput = {
        visitorId: 'back', handoffId: 'h-new', conversationId: 'new', at: now, lang: 'fi', page: { url: 'https://kauppa.example/', title: 'Kauppa' },
        reason: 'asked_for_person', visitor: {}, questions: [], botAnswers: [], events: [],
      };
      expect((await after.handoff(input)).ok).toBe(true);
    } finally {
      await after.close();
    }
  });

  it('exports a conversation’s files in the order they were sent, not by their ids', async () => {
    const store = await backend.open();
    await store.createVisitor('v1', 'hash-v1', now - DAY);
    await conversation(store, 'c1', 'v1', now - DAY, { open: true });
    const send = (fileId: string, clientId: string) =>
      store.visitorMessage('v1', { clientId, at: now - DAY, role: 'visitor', body: { kind: 'file', fileId, name: `${fileId}.png`, type: 'image/png', size: 1 } },
        { id: fileId, type: 'image/png', name: `${fileId}.png`, bytes: Buffer.from([1]) });
    await send('zz-first', 'f1');
    await send('aa-second', 'f2');
    await send('mm-third', 'f3');
    await store.close();
    const [sent] = (await m.customerData({ visitorId: 'v1' })).conversations;
    expect(sent?.files.map((f) => f.id)).toEqual(['zz-first', 'aa-second', 'mm-third']);
  });

  it('deletes the files sent in the conversations it deletes, and keeps the rest', async () => {
    const store = await backend.open();
    const photo = (id: string): StoredFile => ({ id, type: 'image/png', name: 'sohva.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]) });
    await store.createVisitor('v1', 'hash-v1', now - 400 * DAY);
    await store.createVisitor('v2', 'hash-v2', now - 400 * DAY);
    await conversation(store, 'old', 'v1', now - 300 * DAY, { file: photo('f-old') });
    await conversation(store, 'recent', 'v2', now - DAY, { file: photo('f-recent') });
    await store.close();
    // The customer's export carries the file itself, before it goes.
    const [sent] = (await m.customerData({ visitorId: 'v1' })).conversations;
    expect(sent?.files.map((f) => [f.id, f.name, f.type, Buffer.from(f.bytes).equals(photo('f-old').bytes)])).toEqual([['f-old', 'sohva.png', 'image/png', true]]);
    expect(await m.prune(now - 100 * DAY)).toMatchObject({ conversations: 1, events: 3 });
    const after = await backend.open();
    try {
      expect(await after.file('f-old')).toBeNull();
      expect(await after.file('f-recent')).toMatchObject({ conversationId: 'recent' });
    } finally {
      await after.close();
    }
  });
});

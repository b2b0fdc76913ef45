import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentServerMessage } from '../protocol';
import { pageUrl } from './page-url';
import { maintenanceFor } from './store/maintenance';
import { connect, deferred, isType, login, startTestServer, tempDir, until, webhookReceiver } from './test-support';

describe('the page a visitor is on, as kept', () => {
  it.each([
    ['https://kauppa.example/tilaus?email=matti%40example.fi', 'https://kauppa.example/tilaus'],
    ['https://kauppa.example/#access_token=abc&token_type=bearer', 'https://kauppa.example/'],
    ['https://kauppa.example/salasana/uusi?token=RESET#kohta', 'https://kauppa.example/salasana/uusi'],
    ['https://kauppa.example/haku#?q=x', 'https://kauppa.example/haku'],
    ['https://kauppa.example?x=1', 'https://kauppa.example'],
    ['http://localhost:8787/index.html', 'http://localhost:8787/index.html'],
    ['https://matti:salasana@kauppa.example/tili', 'https://kauppa.example/tili'],
    ['https://kauppa.example/a@b/c', 'https://kauppa.example/a@b/c'],
    // `\` is a `/` to a browser: the host is evil.example, and so it stays.
    ['https://evil.example\\@kauppa.example/', 'https://evil.example\\@kauppa.example/'],
    ['https://kauppa.example/tuotteet/äänentoisto', 'https://kauppa.example/tuotteet/äänentoisto'],
  ])('%s → %s', (url, kept) => expect(pageUrl(url)).toBe(kept));
});

describe("a page's title or address with a bidi control in it", () => {
  it("is let in, without it, so it cannot turn the rest of the agent's line around", async () => {
    dir = await tempDir();
    const server = await startTestServer(dir.dir);
    defer(() => server.close());
    // "Koti\u202E" made the console's handoff line read "… from Koti25:02" for "Koti 20:52".
    const landed = { url: 'https://kauppa.example/\u2067koti', title: 'Koti\u202E' };
    const visitor = await connect(server, '/ws/visitor');
    defer(() => visitor.close());
    visitor.send({ type: 'hello', lang: 'fi', page: landed });
    await visitor.next(isType('welcome'));
    visitor.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: landed, steps: [] });
    const { conversationId } = (await visitor.next(isType('ack'))) as { conversationId: string };
    visitor.send({ type: 'msg', id: 'v1', text: 'Hei', page: { url: 'https://kauppa.example/kassa', title: '\u2066\u202BKassa\u202C\u2069' } });
    await visitor.next((f) => f.type === 'ack' && f.id === 'v1');

    const agent = await connect(server, '/ws/agent');
    defer(() => agent.close());
    agent.send({ type: 'hello', token: await login(server) });
    await agent.next(isType('welcome'));
    agent.send({ type: 'open', conversationId, afterSeq: 0 });
    const { conversation } = await agent.next(isType('summary'));
    expect(conversation).toMatchObject({ page: { url: 'https://kauppa.example/koti', title: 'Koti' }, nowOn: { url: 'https://kauppa.example/kassa', title: 'Kassa' } });
    await agent.next((f) => f.type === 'events' && f.events.some((e) => e.body.kind === 'handoff'));
    expect(agent.events(conversationId).find((e) => e.body.kind === 'handoff')?.body).toMatchObject({ page: { url: 'https://kauppa.example/koti', title: 'Koti' } });
    expect(JSON.stringify(agent.received)).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});

const defer = deferred();
let dir: { dir: string; remove(): Promise<void> };
afterEach(() => dir?.remove());

describe('a page with a query and a #fragment, from a client other than our widget', () => {
  it('is stored, shown to agents, sent to the webhook and exported as origin and path only', async () => {
    dir = await tempDir();
    const site = await webhookReceiver();
    defer(site.close);
    const server = await startTestServer(dir.dir, { webhook: { url: site.url } });
    defer(() => server.close());
    const secrets = ['RESETTOKEN', 'matti%40example.fi', 'HASHTOKEN', 'ABCSESSION', 'CARTTOKEN'];
    const landed = { url: 'https://kauppa.example/salasana/uusi?token=RESETTOKEN&email=matti%40example.fi#access_token=HASHTOKEN', title: 'Uusi salasana' };

    const visitor = await connect(server, '/ws/visitor');
    defer(() => visitor.close());
    visitor.send({ type: 'hello', lang: 'fi', page: landed });
    await visitor.next(isType('welcome'));
    visitor.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: landed, steps: [] });
    const { conversationId } = (await visitor.next(isType('ack'))) as { conversationId: string };
    const agent = await connect(server, '/ws/agent');
    defer(() => agent.close());
    agent.send({ type: 'hello', token: await login(server) });
    await agent.next(isType('welcome'));
    agent.send({ type: 'open', conversationId, afterSeq: 0 });
    await agent.next(isType('summary'));

    // A single-page app moves on: the page comes with a message, and with typing.
    visitor.send({ type: 'msg', id: 'v1', text: 'Linkki ei toimi', page: { url: 'https://kauppa.example/kassa?session=ABCSESSION', title: 'Kassa' } });
    await visitor.next((f) => f.type === 'ack' && f.id === 'v1');
    const summaryNowOn = (url: string) => (f: AgentServerMessage): f is Extract<AgentServerMessage, { type: 'summary' }> => f.type === 'summary' && f.conversation.nowOn?.url === url;
    await agent.next(summaryNowOn('https://kauppa.example/kassa'));
    visitor.send({ type: 'typing', on: true, page: { url: 'https://kauppa.example/ostoskori#CARTTOKEN', title: 'Ostoskori' } });
    const last = await agent.next(summaryNowOn('https://kauppa.example/ostoskori'));
    expect(last.conversation).toMatchObject({ page: { url: 'https://kauppa.example/salasana/uusi', title: 'Uusi salasana' }, nowOn: { url: 'https://kauppa.example/ostoskori', title: 'Ostoskori' } });
    const handoff = agent.events(conversationId).find((e) => e.body.kind === 'handoff');
    expect(handoff?.body).toMatchObject({ page: { url: 'https://kauppa.example/salasana/uusi' } });

    await until(() => site.received.length >= 2);
    const sent = site.received.map((r) => r.body).join('\n');
    expect(sent).toContain('https://kauppa.example/salasana/uusi');
    const stored = JSON.stringify(await maintenanceFor({ data: join(dir.dir, 'data') }).customerData({ visitorId: last.conversation.visitorId }));
    expect(JSON.parse(stored)).toMatchObject({ conversations: [{ summary: { page: { url: 'https://kauppa.example/salasana/uusi' } } }] });
    const seen = JSON.stringify(agent.received);
    for (const secret of secrets) {
      expect({ secret, agent: seen.includes(secret), webhook: sent.includes(secret), stored: stored.includes(secret) }).toEqual({ secret, agent: false, webhook: false, stored: false });
    }
  });
});

// Two servers' email follow-ups looking at the same replies at once (each stored one of them):
// the claim stored before sending lets only one send, on SQLite as on PostgreSQL.
import { afterEach, expect, it } from 'vitest';
import type { EmailedBody } from '../protocol';
import { createMemoryBus } from './bus';
import { createConversations } from './conversations';
import { createEmailFollowUp, type EmailFollowUp } from './email-follow-up';
import type { Mail, Mailer } from './mailer';
import { openSqliteStore } from './store/sqlite';
import { handoffInput } from './test-support';

let cleanup: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

/** A store with a conversation whose visitor left an address and got two replies; `servers` follow-ups on it, sharing one mail server. */
async function setUp(servers: number, refuse?: string) {
  const store = openSqliteStore(':memory:');
  cleanup.push(() => store.close());
  await store.createVisitor('v1', 'hash', 1);
  await store.handoff(handoffInput('v1', 'c1', 2));
  const aino = { id: 'aino', name: 'Aino' };
  await store.claim('c1', aino, 'k1', 3);
  await store.visitorMessage('v1', { clientId: 'v1', at: 4, role: 'visitor', body: { kind: 'text', text: 'matti@example.fi' } });
  const sent: Mail[] = [];
  const mailer: Mailer = {
    // Slow, as a real mail server: both servers are past their claim before either send ends.
    send: async (mail) => {
      await new Promise((r) => setTimeout(r, 30));
      if (refuse) throw new Error(refuse);
      sent.push(mail);
    },
    verify: async () => {},
    close: () => {},
  };
  const followUpOn = (conversations: Parameters<typeof createEmailFollowUp>[0]['conversations']) =>
    createEmailFollowUp({ store, conversations, mailer, visitorState: () => ({ online: false, since: 0 }), afterMs: 60_000, siteMail: 'tuki@kauppa.example', siteOrigins: () => [], log: () => {} });
  const followUps = Array.from({ length: servers }, () => {
    // Each server hears the writes it made, as app.ts wires them.
    const conversations = createConversations({ store, bus: createMemoryBus(), queueDebounceMs: 1, queuePreviewMs: 1, onWritten: (w) => followUp.written(w) });
    cleanup.push(() => conversations.dispose());
    const followUp: EmailFollowUp = followUpOn(conversations);
    return { conversations, followUp };
  });
  const replies = await Promise.all(
    followUps.map(async ({ conversations }, i) => {
      const outcome = await conversations.agentMessage(aino, `a${i}`, 'c1', `Vastaus ${i}`).outcome;
      if (!outcome.ok) throw new Error(outcome.code);
      return outcome.seq;
    }),
  );
  /** Each server looks now, as its timer would (or as it stops). */
  const checkAll = () => Promise.all(followUps.map(({ followUp }) => followUp.close()));
  const records = async () => (await store.eventsAfter('c1', 0, 100)).flatMap((e) => (e.body.kind === 'emailed' || e.body.kind === 'emailing' ? [e.body] : []));
  /** `servers` servers started again on the store (having heard no writes): each looks for what is not emailed, then stops, sending what it found. */
  const restartAll = async () => {
    const started = Array.from({ length: servers }, () => {
      const conversations = createConversations({ store, bus: createMemoryBus(), queueDebounceMs: 1, queuePreviewMs: 1 });
      cleanup.push(() => conversations.dispose());
      return followUpOn(conversations);
    });
    await Promise.all(started.map((f) => f.resume()));
    await Promise.all(started.map((f) => f.close()));
  };
  return { sent, replies, checkAll, restartAll, records };
}

it('sends one email when two servers look at the same replies at once', async () => {
  const { sent, replies, checkAll, records } = await setUp(2);
  await checkAll();
  expect(sent.map((m) => m.to)).toEqual(['matti@example.fi']);
  const last = Math.max(...replies);
  expect(await records()).toEqual([
    { kind: 'emailing', through: last },
    { kind: 'emailed', to: 'matti@example.fi', replies: 2, through: last } satisfies EmailedBody,
  ]);
});

it('records a failed send after the claim, once, saying why', async () => {
  const { sent, checkAll, records } = await setUp(2, 'No such user here');
  await checkAll();
  expect(sent).toEqual([]);
  expect((await records()).map((b) => (b.kind === 'emailed' ? b.failed : b.kind))).toEqual(['emailing', 'No such user here']);
});

it('sends one email when two servers start at once and both find replies not emailed before the stop', async () => {
  const { sent, replies, restartAll, records } = await setUp(2);
  // The servers that stored the replies stopped while the visitor was on the site: nothing was sent.
  expect(sent).toEqual([]);
  await restartAll();
  expect(sent.map((m) => m.to)).toEqual(['matti@example.fi']);
  expect(await records()).toEqual([
    { kind: 'emailing', through: Math.max(...replies) },
    { kind: 'emailed', to: 'matti@example.fi', replies: 2, through: Math.max(...replies) },
  ]);
  // And a start after that finds nothing left to send.
  await restartAll();
  expect(sent).toHaveLength(1);
});

// A visitor away while an agent sends long replies gets every one on return, in frames of a size
// a client takes, each saying where it follows on from so the widget can tell a frame it lost
// from a note it is never sent.
import { expect, it } from 'vitest';
import { LIMITS, type ConversationEvent, type VisitorServerMessage } from '../protocol';
import { connect, deferred, isType, PAGE, startTestServer, tempDir, visitorAndAgent, type TestClient } from './test-support';

const defer = deferred();
type EventsFrame = Extract<VisitorServerMessage, { type: 'events' }>;
const isEvents = (f: VisitorServerMessage): f is EventsFrame => f.type === 'events';
const long = (i: number) => (`Vastaus ${i}: ` + 'Tilauksesi on matkalla ja saapuu pian. '.repeat(110)).slice(0, LIMITS.text).trimEnd();
const lastSeq = (f: EventsFrame) => (f.events.at(-1) as ConversationEvent).seq;

it('replays 17 replies of 4,000 characters in frames under the limit, each following on from the one before, notes left out', async () => {
  const dir = await tempDir();
  const server = await startTestServer(dir.dir);
  defer(dir.remove, () => server.close());
  const { visitor, token, conversationId, agent } = await visitorAndAgent(server, defer);
  const acked = (id: string) => agent.next((f) => f.type === 'ack' && (f as { id: string }).id === id, 10_000);
  agent.send({ type: 'claim', id: 'k1', conversationId });
  await acked('k1');
  agent.send({ type: 'msg', id: 'first', conversationId, text: 'Hei, tässä Aino. Miten voin auttaa?' });
  await acked('first');
  await visitor.next((f) => isEvents(f) && f.events.some((e) => e.body.kind === 'text'));
  const seen = Math.max(...visitor.events(conversationId).map((e) => e.seq));
  visitor.close();

  for (let i = 1; i <= 17; i++) {
    agent.send({ type: 'msg', id: `long${i}`, conversationId, text: long(i) });
    await acked(`long${i}`);
    if (i === 8) {
      agent.send({ type: 'note', id: 'n1', conversationId, text: 'Asiakas odottaa hyvitystä' });
      await acked('n1');
    }
  }

  const back: TestClient<VisitorServerMessage> = await connect(server, '/ws/visitor');
  defer(() => back.close());
  back.send({ type: 'hello', lang: 'fi', page: PAGE, token, conversationId, afterSeq: seen });
  await back.next(isType('welcome'));
  const frames: EventsFrame[] = [];
  while (frames.flatMap((f) => f.events).length < 17) frames.push((await back.next(isEvents, 10_000)) as EventsFrame);
  expect(frames.flatMap((f) => f.events).map((e) => (e.body as { text: string }).text)).toEqual(Array.from({ length: 17 }, (_, i) => long(i + 1)));
  expect(frames.length).toBeGreaterThan(1);
  for (const f of frames) expect(Buffer.byteLength(JSON.stringify(f))).toBeLessThanOrEqual(LIMITS.eventsBytes);
  expect(frames.map((f) => f.after)).toEqual([seen, ...frames.slice(0, -1).map(lastSeq)]);

  // Live, past another note: the reply follows on from the last event the visitor was sent.
  agent.send({ type: 'note', id: 'n2', conversationId, text: 'Lupasin hyvityksen' });
  await acked('n2');
  agent.send({ type: 'msg', id: 'after', conversationId, text: 'Oletko vielä siellä?' });
  await acked('after');
  const live = (await back.next(isEvents)) as EventsFrame;
  expect(live).toMatchObject({ after: lastSeq(frames.at(-1)!), events: [{ body: { kind: 'text', text: 'Oletko vielä siellä?' } }] });
  expect(live.events[0]!.seq).toBeGreaterThan(live.after! + 1);
});

import { afterEach, expect, it } from 'vitest';
import { connect, isType, login, PAGE, startTestServer, tempDir } from './test-support';

let dir: { dir: string; remove(): Promise<void> };
afterEach(() => dir.remove());

it('loses nothing across a restart on the same data dir', async () => {
  dir = await tempDir();
  let server = await startTestServer(dir.dir);
  const v = await connect(server, '/ws/visitor');
  v.send({ type: 'hello', lang: 'en', page: PAGE });
  const welcome = await v.next(isType('welcome'));
  v.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'en', page: PAGE, steps: [] });
  const { conversationId } = await v.next(isType('ack'));
  v.send({ type: 'msg', id: 'm1', text: 'Is anyone there?' });
  await v.next(isType('ack'));
  const token = await login(server);
  v.close();
  await server.close();

  server = await startTestServer(dir.dir);
  try {
    const again = await connect(server, '/ws/visitor');
    again.send({ type: 'hello', token: welcome.token, afterSeq: 0, lang: 'en', page: PAGE });
    expect(await again.next(isType('welcome'))).toMatchObject({ visitorId: welcome.visitorId, conversation: { id: conversationId, lastSeq: 2 } });
    const replay = await again.next(isType('events'));
    expect(replay.events.map((e) => e.id)).toEqual(['h1', 'm1']);

    // The agent's login survives too, and the queue still holds the conversation.
    const agent = await connect(server, '/ws/agent');
    agent.send({ type: 'hello', token });
    await agent.next(isType('welcome'));
    const queue = await agent.next(isType('queue'));
    expect(queue.conversations).toMatchObject([{ id: conversationId, status: 'queued', lastText: 'Is anyone there?', reason: 'asked_for_person' }]);

    // Sequence numbers continue where they stopped.
    again.send({ type: 'msg', id: 'm2', text: 'Still here' });
    expect(await again.next(isType('ack'))).toMatchObject({ seq: 3 });
    again.close();
    agent.close();
  } finally {
    await server.close();
  }
});

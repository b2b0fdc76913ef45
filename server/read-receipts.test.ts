// Read receipts both ways, over real sockets: the widget says which agent reply the visitor has
// seen (agents see "Seen by the visitor"), and the console which visitor message the agent who
// has the conversation has read (the visitor sees "Nähty").
import { describe, expect, it } from 'vitest';
import { deferred, isType, replayedKinds, startTestServer, tempDir, until, visitorAndAgent, type TestClient } from './test-support';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const defer = deferred();

/** A visitor who handed off and wrote "Hei" (seq 2), and an agent who has not claimed them yet. */
async function setUp() {
  const dir = await tempDir();
  const server = await startTestServer(dir.dir);
  defer(dir.remove, () => server.close());
  const { visitor, token, conversationId, agent } = await visitorAndAgent(server, defer);
  visitor.send({ type: 'msg', id: 'v1', text: 'Hei' });
  const hello = ((await visitor.next(isType('ack'))) as { seq: number }).seq;
  agent.send({ type: 'open', conversationId, afterSeq: 0 });
  let n = 0;
  const reply = async (text: string) => {
    agent.send({ type: 'msg', id: `a${++n}`, conversationId, text });
    return ((await agent.next(isType('ack'))) as { seq: number }).seq;
  };
  const claim = async () => {
    agent.send({ type: 'claim', id: 'k1', conversationId });
    await agent.next(isType('ack'));
  };
  const bodies = (client: TestClient, kind: string) => client.events(conversationId).flatMap((e) => (e.body.kind === kind ? [e.body] : []));
  return { server, visitor, token, agent, conversationId, hello, reply, claim, bodies };
}

describe('replies the visitor saw', () => {
  it('are recorded once per reply for agents, never for the visitor, and only for replies of their conversation', async () => {
    const { server, visitor, token, conversationId, hello, reply, claim, bodies, agent } = await setUp();
    await claim();
    const answer = await reply('Hei, miten voin auttaa?');
    visitor.send({ type: 'seen', seq: answer });
    await until(() => bodies(agent, 'seen').length > 0);
    expect(agent.events(conversationId).filter((e) => e.body.kind === 'seen')).toMatchObject([{ role: 'system', body: { kind: 'seen', through: answer } }]);

    // Another tab saying the same, the visitor's own message, a number past the end: nothing more.
    visitor.send({ type: 'seen', seq: answer });
    visitor.send({ type: 'seen', seq: hello });
    visitor.send({ type: 'seen', seq: answer + 5 });
    const later = await reply('Palautus on kirjattu.');
    visitor.send({ type: 'seen', seq: later });
    await until(() => bodies(agent, 'seen').length > 1);
    await pause(200);
    expect(bodies(agent, 'seen')).toEqual([{ kind: 'seen', through: answer }, { kind: 'seen', through: later }]);

    // The visitor knows what they read: a replay leaves it out.
    expect(await replayedKinds(server, token, conversationId, later)).not.toContain('seen');
  });
});

describe('messages the agent read', () => {
  it('reach the visitor once per message, and only from the agent who has the conversation', async () => {
    const { visitor, agent, conversationId, hello, reply, claim, bodies } = await setUp();
    // Looking at a queued conversation is not reading it for the visitor: nobody has it yet.
    agent.send({ type: 'read', conversationId, seq: hello });
    await pause(200);
    expect(bodies(visitor, 'read')).toEqual([]);

    await claim();
    agent.send({ type: 'read', conversationId, seq: hello });
    await until(() => bodies(visitor, 'read').length > 0);
    expect(bodies(visitor, 'read')).toEqual([{ kind: 'read', through: hello }]);
    // Again, or a number that is no message of the visitor's: nothing more.
    agent.send({ type: 'read', conversationId, seq: hello });
    agent.send({ type: 'read', conversationId, seq: await reply('Hetki, katson.') });
    agent.send({ type: 'read', conversationId, seq: 99 });
    await pause(200);
    expect(bodies(visitor, 'read')).toHaveLength(1);
    expect(bodies(agent, 'read')).toHaveLength(1);
  });
});

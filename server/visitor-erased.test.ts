// `kohtaamo data forget` while the visitor's widget is still connected (their chat closed): the
// server's socket still knows them by the erased id. Asking for a person again was refused
// `internal`, with the store's FOREIGN KEY stack in the log. It is answered `unauthorized`, as a
// hello with their token now is, so the widget drops the token and starts afresh as a new
// visitor (widget/app/model/session.ts), its handoff then stored as theirs; and the log has one line.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { VisitorServerMessage } from '../protocol';
import { createServer, type RunningServer } from './app';
import { forget } from './store/erase';
import { DATABASE_FILE } from './store/sqlite';
import { connect, isType, PAGE, tempDir, testConfig, type TestClient } from './test-support';

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;
const logged: unknown[] = [];
beforeEach(async () => {
  dir = await tempDir();
  logged.length = 0;
  server = await createServer(await testConfig(dir.dir), { log: (entry) => logged.push(entry), info: () => {} });
});
afterEach(async () => {
  await server.close();
  await dir.remove();
});

const answerTo = (client: TestClient<VisitorServerMessage>, id: string) =>
  client.next((f): f is Extract<VisitorServerMessage, { type: 'ack' | 'error' }> => (f.type === 'ack' || f.type === 'error') && f.id === id);

it('a visitor erased while connected who asks for a person again is told to start afresh, and does, as a new visitor', async () => {
  const visitor = await connect(server, '/ws/visitor');
  visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
  const welcome = await visitor.next(isType('welcome'));
  visitor.send({ type: 'handoff', id: 'h1', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [], visitor: { email: 'matti@example.fi' } });
  const handedOff = await answerTo(visitor, 'h1');
  if (handedOff.type !== 'ack') throw new Error(`handoff refused: ${JSON.stringify(handedOff)}`);
  visitor.send({ type: 'end', id: 'e1', conversationId: handedOff.conversationId });
  expect(await answerTo(visitor, 'e1')).toMatchObject({ type: 'ack' });

  expect(await forget(join(dir.dir, 'data', DATABASE_FILE), { email: 'matti@example.fi' })).toMatchObject({ conversations: 1, visitors: 1 });

  visitor.send({ type: 'handoff', id: 'h2', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
  expect(await answerTo(visitor, 'h2')).toMatchObject({ type: 'error', code: 'unauthorized', id: 'h2' });
  expect((await visitor.closed).code).toBe(4001);
  // One line said it, not the store's error with its stack.
  expect(logged).toHaveLength(1);
  expect(logged[0]).toEqual(expect.stringContaining(`Visitor ${welcome.visitorId}`));

  // The widget without the token: a new visitor, whose handoff is stored.
  const again = await connect(server, '/ws/visitor');
  again.send({ type: 'hello', lang: 'fi', page: PAGE });
  expect((await again.next(isType('welcome'))).visitorId).not.toBe(welcome.visitorId);
  again.send({ type: 'handoff', id: 'h2', reason: 'asked_for_person', lang: 'fi', page: PAGE, steps: [] });
  expect(await answerTo(again, 'h2')).toMatchObject({ type: 'ack' });
  again.close();
});

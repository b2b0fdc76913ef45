// Frames no client of ours sends, from anyone who can open a socket (no hello, no login): each is
// that client's coded error, and the server goes on serving everyone else.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from './app';
import { connect, isType, PAGE, startTestServer, tempDir } from './test-support';
import type { TestClient } from './test-support';

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;
const open: TestClient[] = [];

beforeEach(async () => {
  dir = await tempDir();
  server = await startTestServer(dir.dir);
});
afterEach(async () => {
  for (const client of open.splice(0)) client.close();
  await server.close();
  await dir.remove();
});

/** `{"type":[[[…]]]}`, 20,000 arrays deep: 40 KB, under the frame limit. */
const deepType = '{"type":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}';

describe('a frame whose type is an array 20,000 deep', () => {
  it.each(['/ws/visitor', '/ws/agent'] as const)('on %s is a bad_message, and the server still greets the next visitor', async (path) => {
    const hostile: TestClient = path === '/ws/visitor' ? await connect(server, path) : await connect(server, path);
    open.push(hostile);
    hostile.ws.send(deepType);
    expect(await hostile.next(isType('error'))).toMatchObject({ code: 'bad_message' });

    const visitor = await connect(server, '/ws/visitor');
    open.push(visitor);
    visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
    expect(await visitor.next(isType('welcome'))).toMatchObject({ type: 'welcome' });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

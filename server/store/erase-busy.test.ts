// `kohtaamo data forget|prune` run beside a live server: both sides write the same SQLite file,
// and each must wait for the other's write instead of failing with SQLITE_BUSY.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { handoffInput, tempDir } from '../test-support';
import { readCustomerData } from './customer-data';
import { forget, prune } from './erase';
import { DATABASE_FILE, openSqliteStore } from './sqlite';

it('forget and prune beside a server relaying messages: neither side refuses a write', async () => {
  const dir = await tempDir();
  const file = join(dir.dir, DATABASE_FILE);
  try {
    const setup = openSqliteStore(file, { checkpointMs: 0 });
    await setup.createVisitor('gone', 'h-gone', 1);
    await setup.handoff(handoffInput('gone', 'c-gone', 2));
    await setup.closeConversation('c-gone', 'visitor', null, 'x', 3);
    await setup.close();
    // The server: its group commit writes a message every few ms until told to stop.
    const code = `import { openSqliteStore } from ${JSON.stringify(resolve(__dirname, 'sqlite.ts'))};
const store = openSqliteStore(${JSON.stringify(file)});
await store.createVisitor('live', 'h-live', Date.now());
await store.handoff({ visitorId: 'live', handoffId: 'h', conversationId: 'c-live', at: 1, lang: 'fi', page: { url: 'https://x.example/', title: 'X' }, reason: 'no_answer', visitor: {}, questions: [], botAnswers: [], events: [] });
console.log('ready');
let refused = 0;
process.on('SIGTERM', () => { console.log('refused ' + refused); process.exit(0); });
for (let i = 0; ; i++) {
  await store.visitorMessage('live', { clientId: 'm' + i, at: Date.now(), role: 'visitor', body: { kind: 'text', text: 'hei ' + i } })
    .catch((e) => { refused++; if (refused === 1) console.error('server write refused:', e.code, e.message); });
  await new Promise((r) => setTimeout(r, 2));
}`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    await new Promise<void>((ready) =>
      child.stdout.on('data', (d) => {
        out += String(d);
        if (out.includes('ready')) ready();
      }),
    );
    const errors: string[] = [];
    for (let i = 0; i < 60; i++) {
      try {
        await forget(file, { visitorId: 'nobody' }, { dryRun: true });
        await prune(file, 0, { dryRun: true });
      } catch (error) {
        errors.push(`${(error as { code?: string }).code}: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 3));
    }
    child.kill('SIGTERM');
    await exited;
    const refused = Number(/refused (\d+)/.exec(out)?.[1]);
    expect(readCustomerData(file, { visitorId: 'gone' }).conversations).toHaveLength(1);
    expect({ cliErrors: errors.slice(0, 3), cliFailedRuns: errors.length, serverWritesRefused: refused }).toEqual({ cliErrors: [], cliFailedRuns: 0, serverWritesRefused: 0 });
  } finally {
    await dir.remove();
  }
}, 30_000);

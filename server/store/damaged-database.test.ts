// A database file damaged under a running server (pages of it overwritten: a failing disk, a
// bad copy put in place): the operator reads one line saying so and what to do, not a driver's
// stack per failed read, and the health check takes the server out of rotation, for good: a
// damaged file does not mend, and a write that happens to work elsewhere in it says nothing.
import { open } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { healthCheck } from '../health';
import { handoffInput, tempDir } from '../test-support';
import { openSqliteStore } from './sqlite';
import { toldOperator } from './write-health';

let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.remove());

/** Random bytes over the file's pages from the 4th on, as `dd if=/dev/urandom … conv=notrunc` did. */
async function damage(file: string) {
  const handle = await open(file, 'r+');
  const { size } = await handle.stat();
  for (let at = 3 * 4096; at < size; at += 4096) await handle.write(randomBytes(4096), 0, 4096, at);
  await handle.close();
}

it('a read that meets the damage: one line naming the file and the backup to restore, no stack; health 503 from then on', async () => {
  const file = join(dir.dir, 'kohtaamo.sqlite');
  const setup = openSqliteStore(file, { checkpointMs: 0 });
  for (let i = 0; i < 200; i++) {
    await setup.createVisitor(`v${i}`, `hash-${i}`, 1);
    await setup.handoff(handoffInput(`v${i}`, `c${i}`, 2));
    await setup.visitorMessage(`v${i}`, { clientId: `m${i}`, at: 3, role: 'visitor', body: { kind: 'text', text: `Missä on tilaukseni ${i}? `.repeat(20) } });
  }
  await setup.close();
  const lines: string[] = [];
  const store = openSqliteStore(file, { checkpointMs: 0, log: (line) => lines.push(line) });
  try {
    await damage(file);
    const failed = await store.searchConversations('tilaukseni', 50).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failed).toMatchObject({ code: expect.stringMatching(/^SQLITE_(CORRUPT|NOTADB)/) });
    // Told once, in words: the server's log leaves out the error's own stack (app.ts).
    expect(toldOperator(failed)).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`${file} is damaged`);
    expect(lines[0]).toContain('kohtaamo data backup');
    expect(lines[0]).not.toContain('\n');
    const health = healthCheck(store, { healthy: () => true });
    expect(await health()).toEqual({ ok: false, checks: { store: expect.stringContaining('damaged'), bus: 'ok' } });
    // Still so after a write that works (the header's version, as the check's own probe writes).
    await store.createVisitor('later', 'hash-later', 4).catch(() => {});
    expect((await health()).ok).toBe(false);
  } finally {
    await store.close().catch(() => {});
  }
});

// What `kohtaamo data forget|prune` prints as done must stay done after a power cut.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tempDir } from '../test-support';
import { openForErase } from './erase';
import { DATABASE_FILE, openSqliteStore } from './sqlite';

it("erases through a connection that syncs every commit (synchronous = FULL), as the server's does", async () => {
  const dir = await tempDir();
  try {
    const file = join(dir.dir, DATABASE_FILE);
    await openSqliteStore(file, { checkpointMs: 0 }).close();
    const db = openForErase(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 = FULL; WAL's default would be 1 (NORMAL): the WAL synced only at checkpoints.
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  } finally {
    await dir.remove();
  }
});

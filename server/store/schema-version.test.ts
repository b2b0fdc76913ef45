// A release must not open a database a newer one wrote: it would misread the newer rows (an older
// server once showed visitors the notes agents wrote for each other), and its erasures could miss
// what the newer one keeps. So the version is recorded, and a newer one refused.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataCommand } from '../cli/data';
import { reportCommand } from '../cli/report';
import { startTestServer, tempDir } from '../test-support';
import { dropSchema, newSchema, servicesAvailable, TEST_DATABASE_URL } from '../test-services';
import { maintenanceFor, type Maintenance } from './maintenance';
import { openPostgresStore } from './postgres';
import { DATABASE_FILE, openSqliteStore } from './sqlite';
import { SCHEMA_VERSION } from './schema-version';
import type { Store } from './types';

const NEWER = SCHEMA_VERSION + 1;
const refused = `it was written by a newer Kohtaamo (schema version ${NEWER}; this one knows up to ${SCHEMA_VERSION}): upgrade Kohtaamo to use it, or restore a copy from before the upgrade`;
const who = { email: 'matti@example.fi' };

/** Every way in: the server's store, and each maintenance command's. */
async function expectAllRefused(open: () => Promise<Store>, maintenance: Maintenance) {
  await expect(open()).rejects.toThrow(refused);
  await expect(maintenance.prune(Date.now())).rejects.toThrow(refused);
  await expect(maintenance.forget(who)).rejects.toThrow(refused);
  await expect(maintenance.customerData(who)).rejects.toThrow(refused);
  await expect(maintenance.botHistory()).rejects.toThrow(refused);
  await expect(maintenance.serviceEvents(0)).rejects.toThrow(refused);
  await expect(maintenance.faqStats('0000-01-01')).rejects.toThrow(refused);
}

describe('SQLite', () => {
  let dir: { dir: string; remove(): Promise<void> };
  let file: string;
  beforeEach(async () => {
    dir = await tempDir();
    file = join(dir.dir, DATABASE_FILE);
  });
  afterEach(() => dir.remove());
  const version = () => {
    const db = new Database(file);
    try {
      return Number(db.pragma('user_version', { simple: true }));
    } finally {
      db.close();
    }
  };
  const setVersion = (to: number) => {
    const db = new Database(file);
    db.pragma(`user_version = ${to}`);
    db.close();
  };

  it('records the version, also in a database from before versions were recorded', async () => {
    await openSqliteStore(file, { checkpointMs: 0 }).close();
    expect(version()).toBe(SCHEMA_VERSION);
    setVersion(0);
    await openSqliteStore(file, { checkpointMs: 0 }).close();
    expect(version()).toBe(SCHEMA_VERSION);
  });

  it('refuses a database a newer release wrote, and leaves it as it was', async () => {
    await openSqliteStore(file, { checkpointMs: 0 }).close();
    setVersion(NEWER);
    await expectAllRefused(async () => openSqliteStore(file, { checkpointMs: 0 }), maintenanceFor({ data: dir.dir }));
    expect(version()).toBe(NEWER);
  });

  it('says so in one line from the commands that read or erase conversations', async () => {
    await openSqliteStore(file, { checkpointMs: 0 }).close();
    setVersion(NEWER);
    for (const [command, argv] of [
      [reportCommand, ['--data', dir.dir]],
      [dataCommand, ['prune', '--older-than', '30', '--data', dir.dir]],
      [dataCommand, ['forget', '--email', who.email, '--data', dir.dir]],
    ] as const) {
      const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
      let err = '';
      io.stderr.on('data', (d: Buffer) => (err += d.toString()));
      expect(await command([...argv], io, {})).toBe(1);
      expect(err).toMatch(new RegExp(`^kohtaamo (report|data prune|data forget): ${file}: it was written by a newer Kohtaamo.*\\n$`));
    }
  });

  it('says so when the server starts, naming the file', async () => {
    const data = join(dir.dir, 'data');
    await (await startTestServer(dir.dir)).close();
    const db = new Database(join(data, DATABASE_FILE));
    db.pragma(`user_version = ${NEWER}`);
    db.close();
    await expect(startTestServer(dir.dir)).rejects.toThrow(`Cannot open the database ${join(data, DATABASE_FILE)}: ${refused}`);
  });
});

describe.runIf(await servicesAvailable())('PostgreSQL', () => {
  let schema: string;
  let admin: pg.Client;
  beforeEach(async () => {
    schema = newSchema();
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  });
  afterEach(async () => {
    await admin.end();
    await dropSchema(schema);
  });
  const open = () => openPostgresStore(TEST_DATABASE_URL, { schema, poolSize: 1 });
  // The schema named another way: this process made sure of the tables by the first name already, and would not look again.
  const searchPath = (name: string) => `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${name}`)}`;
  const version = async () => (await admin.query<{ version: number }>(`SELECT version FROM ${schema}.schema_version`)).rows.map((row) => row.version);

  it('records the version, also in a database from before versions were recorded', async () => {
    await (await open()).close();
    expect(await version()).toEqual([SCHEMA_VERSION]);
    await admin.query(`DROP TABLE ${schema}.schema_version`);
    expect(await maintenanceFor({ data: '', database: TEST_DATABASE_URL, schema }).prune(0)).toMatchObject({ conversations: 0 });
    await (await openPostgresStore(searchPath(schema), { poolSize: 1 })).close();
    expect(await version()).toEqual([SCHEMA_VERSION]);
  });

  it('refuses a database a newer release wrote, and leaves it as it was', async () => {
    await (await open()).close();
    await admin.query(`UPDATE ${schema}.schema_version SET version = ${NEWER}`);
    await expectAllRefused(() => openPostgresStore(searchPath(schema), { poolSize: 1 }), maintenanceFor({ data: '', database: TEST_DATABASE_URL, schema }));
    expect(await version()).toEqual([NEWER]);
  });
});

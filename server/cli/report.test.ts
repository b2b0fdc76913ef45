import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handoffInput, tempDir } from '../test-support';
import { DATABASE_FILE, openSqliteStore } from '../store/sqlite';
import type { ServiceReport } from '../service-report';
import { main } from './main';
import { reportCommand } from './report';
import type { SelfService } from '../site-report';

let dir: { dir: string; remove(): Promise<void> };
beforeEach(async () => (dir = await tempDir()));
afterEach(() => dir.remove());

function run(argv: string[]) {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
  let out = '';
  let err = '';
  io.stdout.on('data', (d: Buffer) => (out += d.toString()));
  io.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return main(argv, io).then((code) => ({ code, out, err }));
}

const MIN = 60_000;

/** Two conversations two days ago: one answered by Aino in 3 min and rated 4, one nobody reached. */
async function served(data: string) {
  await mkdir(data, { recursive: true });
  const store = openSqliteStore(join(data, DATABASE_FILE), { checkpointMs: 0 });
  const t = Date.now() - 2 * 24 * 60 * MIN;
  const aino = { id: 'aino', name: 'Aino' };
  for (const [visitorId, conversationId, at] of [['v1', 'c1', t], ['v2', 'c2', t + MIN]] as const) {
    await store.createVisitor(visitorId, `hash-${visitorId}`, at);
    await store.handoff(handoffInput(visitorId, conversationId, at));
  }
  await store.claim('c1', aino, 'k1', t + MIN);
  await store.append('c1', { clientId: 'm1', at: t + 3 * MIN, role: 'agent', name: 'Aino', body: { kind: 'text', text: 'Katsotaan!' } }, { agentId: 'aino' });
  await store.closeConversation('c1', 'agent', 'aino', 'x1', t + 10 * MIN);
  await store.rate('v1', 4, undefined, 'r1', t + 11 * MIN);
  await store.closeConversation('c2', 'visitor', null, 'x2', t + 20 * MIN);
  // Aino's reply went to c1's visitor by email; nobody replied in c2, but say a send there had failed.
  await store.record('c1', 'emailed.5', { kind: 'emailed', to: 'matti@example.fi', replies: 1, through: 5 }, t + 6 * MIN);
  await store.record('c2', 'emailed.3', { kind: 'emailed', to: 'maija@example.fi', replies: 1, through: 3, failed: 'connect ECONNREFUSED' }, t + 21 * MIN);
  // What the widgets showed meanwhile, and what visitors said helped (added as server/faq-stats.ts does).
  const twoDaysAgo = new Date(t).toISOString().slice(0, 10);
  await store.addFaqStats([
    { day: twoDaysAgo, faqId: 'delivery-time-fi', shown: 30, helped: 12 },
    { day: twoDaysAgo, faqId: 'returns-fi', shown: 10, helped: 2 },
  ]);
  await store.addFaqStats([{ day: twoDaysAgo, faqId: 'returns-fi', shown: 25, helped: 3 }]);
  await store.close();
}

describe('kohtaamo report', () => {
  it('tells the site owner how handed-off visitors were served, beside the data', async () => {
    const data = join(dir.dir, 'data');
    await served(data);
    const { code, out } = await run(['report', '--data', data]);
    expect(code).toBe(0);
    expect(out).toContain('FAQ answers shown in the widget: 65; "it helped" 17 (26 %), "it did not help" 0 (handed to a person)');
    expect(out).toContain('  most shown: returns-fi 35 (helped 5), delivery-time-fi 30 (helped 12)');
    expect(out).toContain('Handed to a person: 2');
    expect(out).toContain('no FAQ answer 2');
    expect(out).toContain('Reached by an agent: 1 (50 %); never: 1 closed first, 0 still waiting');
    expect(out).toContain('Wait for an agent: median 1 min, 9 in 10 within 1 min, over 1 conversation');
    expect(out).toContain('First reply: median 3 min, 9 in 10 within 3 min, over 1 conversation');
    expect(out).toContain('Ratings: 4.0 / 5 from 1 rating, 100 % gave 4 or 5');
    expect(out).toContain('  Aino: 1 conversation; first reply median 3 min');
    expect(out).toContain('Replies emailed to visitors who had left: 1 conversation; could not be sent in 1 conversation');
  });

  it('prints the whole report as one JSON object, and counts only the days asked for', async () => {
    const data = join(dir.dir, 'data');
    await served(data);
    const { out } = await run(['report', '--data', data, '--json']);
    const report = JSON.parse(out) as ServiceReport & { where: string; selfService: SelfService };
    expect(report).toMatchObject({ where: join(data, DATABASE_FILE), handedOff: 2, reached: 1, firstResponse: { median: 3 * MIN }, emailed: { conversations: 1, failed: 1 } });
    expect(report.selfService).toEqual({
      shown: 65,
      helped: 17,
      notHelpful: 0,
      entries: [
        { faqId: 'returns-fi', shown: 35, helped: 5 },
        { faqId: 'delivery-time-fi', shown: 30, helped: 12 },
      ],
      since: report.since,
    });
    // Two days ago is outside the last day.
    const lastDay = JSON.parse((await run(['report', '--data', data, '--json', '--days', '1'])).out) as ServiceReport & { selfService: SelfService };
    expect(lastDay).toMatchObject({ handedOff: 0, firstResponse: null, agents: [], selfService: { shown: 0, entries: [] } });
    expect((await run(['report', '--data', data, '--days', '1'])).out).toContain('FAQ answers shown in the widget: none');
  });

  it("counts the site's own days in its zone, and prints them", async () => {
    const data = join(dir.dir, 'data');
    await mkdir(data, { recursive: true });
    const store = openSqliteStore(join(data, DATABASE_FILE), { checkpointMs: 0 });
    // 23:30 on the 24th and 00:30 on the 25th, Helsinki time; an FAQ answer shown at 00:15.
    for (const [v, at] of [['v1', Date.UTC(2026, 10, 24, 21, 30)], ['v2', Date.UTC(2026, 10, 24, 22, 30)]] as const) {
      await store.createVisitor(v, `hash-${v}`, at);
      await store.handoff(handoffInput(v, `c-${v}`, at));
    }
    await store.addFaqStats([{ day: '2026-11-24T22', faqId: 'returns-fi', shown: 1, helped: 1 }]);
    await store.close();
    const report = async (argv: string[], env: NodeJS.ProcessEnv, now: number) => {
      const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
      let out = '';
      io.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const code = await reportCommand([...argv, '--data', data], io, env, now);
      return { code, out };
    };
    // 10:00 in Helsinki, the zone the server's KOHTAAMO_TIMEZONE names.
    const morning = await report(['--days', '1'], { KOHTAAMO_TIMEZONE: 'Europe/Helsinki' }, Date.UTC(2026, 10, 25, 8));
    expect(morning.out).toContain('Service report, 2026-11-25 – 2026-11-25, days in Europe/Helsinki (');
    expect(morning.out).toContain('Handed to a person: 1\n');
    expect(morning.out).toContain('FAQ answers shown in the widget: 1;');
    // 01:00 in Helsinki: today is the 25th already, with the one at 00:30 and not the one at 23:30.
    const night = await report(['--days', '1', '--json', '--timezone', 'Europe/Helsinki'], {}, Date.UTC(2026, 10, 24, 23));
    expect(JSON.parse(night.out)).toMatchObject({ since: Date.UTC(2026, 10, 24, 22), until: Date.UTC(2026, 10, 24, 23), firstDay: '2026-11-25', lastDay: '2026-11-25', timeZone: 'Europe/Helsinki', handedOff: 1 });
    // The same moment in UTC is still the 24th, with both.
    const utc = await report(['--days', '1', '--timezone', 'UTC'], { KOHTAAMO_TIMEZONE: 'Europe/Helsinki' }, Date.UTC(2026, 10, 24, 23));
    expect(utc.out).toContain('Service report, 2026-11-24 – 2026-11-24, days in UTC (');
    expect(utc.out).toContain('Handed to a person: 2\n');
    // Counts an earlier version kept per whole UTC day: the 24th's began before Helsinki's 25th, and is left out, saying so.
    const again = openSqliteStore(join(data, DATABASE_FILE), { checkpointMs: 0 });
    await again.addFaqStats([{ day: '2026-11-24', faqId: 'returns-fi', shown: 40, helped: 0 }, { day: '2026-11-25', faqId: 'returns-fi', shown: 5, helped: 0 }]);
    await again.close();
    const kept = await report(['--days', '1'], { KOHTAAMO_TIMEZONE: 'Europe/Helsinki' }, Date.UTC(2026, 10, 25, 8));
    expect(kept.out).toContain('FAQ answers shown in the widget: 5;');
    expect(kept.out).toContain('  (FAQ answers counted from 2026-11-25 02:00: before that they are kept per whole UTC day or hour)\n');
  });

  it('refuses what it cannot read, saying what to fix', async () => {
    expect(await run(['report', '--timezone', 'Mars/Olympus', '--data', dir.dir])).toMatchObject({ code: 2, err: expect.stringContaining('--timezone: "Mars/Olympus" is not a time zone') });
    expect(await run(['report', '--days', 'week', '--data', dir.dir])).toMatchObject({ code: 2, err: expect.stringContaining('--days needs a number of days, 1 to 36500 (got "week")') });
    expect(await run(['report', '--data', join(dir.dir, 'nothing')])).toMatchObject({ code: 2, err: expect.stringContaining('no conversations are stored in') });
    expect(await run(['report', '--weeks', '2'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown flag --weeks') });
  });
});

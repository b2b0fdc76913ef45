import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../faq';
import { faqCommand } from './faq';
import type { FaqGaps } from '../faq-gaps';
import type { FaqEntryCounts } from '../store/faq-stats-read';
import { connect, FAQ, isType, login, PAGE, startTestServer, tempDir } from '../test-support';
import { openSqliteStore, DATABASE_FILE } from '../store/sqlite';

async function run(argv: string[], input = '') {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  stdin.end(input);
  const code = await faqCommand(argv, { stdin, stdout, stderr });
  return { code, out, err };
}

async function file(content: unknown): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'kohtaamo-faq-')), 'faq.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('kohtaamo faq', () => {
  it("search without --faq reads the package's demo FAQ, wherever the command runs (as serve serves it)", async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'kohtaamo-site-'));
    const bin = fileURLToPath(new URL('../../bin/kohtaamo.js', import.meta.url));
    const { KOHTAAMO_FAQ: _, ...env } = process.env;
    const out = execFileSync(process.execPath, [bin, 'faq', 'search'], { cwd: elsewhere, env, input: 'paljonko toimitus maksaa\n', encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ decision: 'answer' });
  });

  it('validate: exit 0 and a summary for the demo FAQ', async () => {
    const { code, out } = await run(['validate', 'demo/faq.json']);
    expect(code).toBe(0);
    expect(out).toMatch(/demo\/faq\.json: \d+ entries \(\d+ fi, \d+ en\)/);
  });

  it('validate: exit 1 and every problem, naming file, line, column and field', async () => {
    const path = await file([{ id: 'a', lang: 'sv', question: '', answer: 'x' }, { id: 'b', lang: 'fi', question: 'Q', answer: 1 }]);
    const { code, err } = await run(['validate', path]);
    expect(code).toBe(1);
    expect(err).toContain(`${path}:1:12 (a) field "lang"`);
    expect(err).toContain(`${path}:1:24 (a) field "question"`);
    expect(err).toContain(`${path}:1:89 (b) field "answer"`);
  });

  it('convert: the FAQ in Markdown and back, the same FAQ to every command, never over a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kohtaamo-faq-'));
    const md = join(dir, 'faq.md');
    const converted = await run(['convert', 'demo/faq.json', md]);
    expect(converted).toMatchObject({ code: 0, out: expect.stringMatching(/faq\.md: \d+ entries; serve it with --faq /) });
    const text = await readFile(md, 'utf8');
    expect(text).toMatch(/^# Kuinka kauan tilauksen toimitus kestää\?\nid: delivery-time-fi\nkeywords: toimitusaika, milloin perillä, /);
    expect((await run(['validate', md])).code).toBe(0);
    const queries = 'paljonko toimitus maksaa\nvoinko palauttaa\nasdfghjk\n';
    expect((await run(['search', '--faq', md], queries)).out).toBe((await run(['search', '--faq', 'demo/faq.json'], queries)).out);
    const back = join(dir, 'faq.json');
    expect((await run(['convert', md, back])).code).toBe(0);
    expect(JSON.parse(await readFile(back, 'utf8'))).toEqual(JSON.parse(await readFile('demo/faq.json', 'utf8')));
    expect(await run(['convert', 'demo/faq.json', md])).toMatchObject({ code: 1, err: expect.stringContaining('never overwrites one') });
    // A Markdown FAQ with a mistake: where it is, by line.
    await writeFile(md.replace('faq.md', 'bad.md'), '# Missä myymälä on?\nid: store-fi\nlang: sv\n\nHelsingissä.\n');
    expect(await run(['validate', md.replace('faq.md', 'bad.md')])).toMatchObject({ code: 1, err: expect.stringContaining('bad.md:1 (store-fi) field "lang": lang must be one of fi, en') });
  });

  it('convert: a FAQ Markdown cannot hold is said as that, not as a file it would not overwrite', async () => {
    const from = await file([{ id: 'returns-fi', lang: 'fi', question: 'Miten palautan?', answer: 'Näin.', keywords: ['palautus, vaihto'] }]);
    const to = from.replace('faq.json', 'faq.md');
    expect(await run(['convert', from, to])).toEqual({
      code: 1,
      out: '',
      err: `${to}: cannot convert: returns-fi: the keyword "palautus, vaihto" has a comma or a line break, which end keywords in Markdown\n`,
    });
    await expect(stat(to)).rejects.toThrow(/ENOENT/);
  });

  it('validate: warnings grouped by kind with a count, 20 of each unless --all, the summary last', async () => {
    // 23 pairs of entries the search cannot tell apart (the same question in two topics), and one entry nothing finds.
    const things = ['sohva', 'matto', 'valaisin', 'verho', 'työtuoli', 'sänky', 'ruokapöytä', 'kirjahylly', 'patja', 'vaatekaappi', 'grilli', 'ruohonleikkuri', 'astianpesukone', 'jääkaappi', 'televisio', 'kahvinkeitin', 'lastenvaunu', 'saunakiuas', 'ikkuna', 'kuntopyörä', 'robotti-imuri', 'polkupyörä', 'akvaario'];
    const entries = things.flatMap((thing, i) => [
      { id: `price-${i}-fi`, lang: 'fi', question: `Paljonko ${thing} maksaa?`, answer: 'Katso hinnasto.' },
      { id: `cost-${i}-fi`, lang: 'fi', question: `Paljonko ${thing} maksaa?`, answer: 'Katso tuotesivu.' },
    ]);
    const path = await file([...entries, { id: 'odd-fi', lang: 'fi', question: 'Mitä?', answer: 'Jotain.' }]);
    const { code, out } = await run(['validate', path]);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    const near = lines.filter((l) => l.startsWith('warning: ') && l.includes('near-duplicate of the entry at line'));
    expect(near).toHaveLength(20);
    expect(lines).toContain(`23 near-duplicate warning(s):`);
    expect(lines).toContain('… and 3 more: run with --all to see them');
    expect(lines).toContain('1 unreachable warning(s):');
    expect(lines.filter((l) => l.includes('(odd-fi): unreachable:'))).toHaveLength(1);
    expect(lines.at(-1)).toBe(`${path}: 47 entries (47 fi, 0 en), 24 warning(s): 23 near-duplicate, 1 unreachable`);
    expect(lines).toHaveLength(1 + 20 + 1 + 1 + 1 + 1);
    const every = (await run(['validate', '--all', path])).out.trimEnd().split('\n');
    expect(every.filter((l) => l.startsWith('warning: '))).toHaveLength(24);
    expect(every.some((l) => l.includes('--all'))).toBe(false);
    expect(every.at(-1)).toBe(lines.at(-1));
    expect(await run(['validate', '--every', path])).toMatchObject({ code: 2, err: expect.stringContaining('kohtaamo faq validate FILE [--all]') });
  });

  it('validate: exit 1 for a file that is not JSON', async () => {
    const { code, err } = await run(['validate', await file('[{')]);
    expect(code).toBe(1);
    expect(err).toContain('cannot read the FAQ');
  });

  it('search: one JSON line per query line and nothing else', async () => {
    const { code, out } = await run(['search', '--faq', 'demo/faq.json'], 'paljonko toimitus maksaa\nasdfghjk\nmoi\n');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ query: 'paljonko toimitus maksaa', decision: 'answer' });
    expect(lines[0].results[0].id).toBe('shipping-cost-fi');
    expect(typeof lines[0].results[0].score).toBe('number');
    expect(lines[1]).toMatchObject({ query: 'asdfghjk', decision: 'none' });
    expect(lines[2]).toMatchObject({ decision: 'none', intent: 'greeting' });
    // A line ends at \n (CRLF too), never at a lone \r; the last one needs no newline.
    const odd = await run(['search', '--faq', 'demo/faq.json'], 'paljonko toimitus\rmaksaa\r\nkauanko toimitus kestää');
    expect(odd.out.trimEnd().split('\n').map((l) => JSON.parse(l).query)).toEqual(['paljonko toimitus\rmaksaa', 'kauanko toimitus kestää']);
  });

  it('search --option: tries a tuning, and refuses a bad one with what to fix', async () => {
    const strict = await run(['search', '--faq', 'demo/faq.json', '--option', 'answerThreshold=1'], 'paljonko toimitus maksaa\n');
    expect(JSON.parse(strict.out)).toMatchObject({ decision: 'suggest' });
    const bad = await run(['search', '--faq', 'demo/faq.json', '--option', 'answerTreshold=0.6'], '');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unknown FAQ option "answerTreshold" (known: answerThreshold');
  });

  it('explain: the decision, then each word with its weight and the entries it matched', async () => {
    const { code, out } = await run(['explain', '--faq', 'demo/faq.json', 'paljonko toimitus maksaa wombatille']);
    expect(code).toBe(0);
    const [head, ...words] = out.trimEnd().split('\n');
    expect(head).toMatch(/^"paljonko toimitus maksaa wombatille" → (answer|suggest): shipping-cost-fi /);
    expect(words[0]).toMatch(/^  right with probability 0\.\d+ \(answerThreshold compares this\): explains \d+%.* unknown words \d+%/);
    expect(words.find((w) => w.trim().startsWith('toimitus '))).toMatch(/\d+%\s+.*shipping-cost 1/);
    // The word the FAQ lacks is what a site owner may add to an entry's keywords.
    expect(words.find((w) => w.trim().startsWith('wombatille '))).toContain('not in this FAQ');
  });

  it('search and explain take queries as arguments too', async () => {
    const { out } = await run(['search', '--faq', 'demo/faq.json', 'moi', 'paljonko toimitus maksaa']);
    expect(out.trimEnd().split('\n').map((l) => JSON.parse(l).query)).toEqual(['moi', 'paljonko toimitus maksaa']);
    expect((await run(['explain', '--faq', 'demo/faq.json', 'moi'])).out).toBe('"moi" → none (greeting)\n');
  });

  it('unknown subcommand: usage and exit 2', async () => {
    const { code, err } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(err).toContain('Usage:');
  });

  it('gaps: unhelpful answers and missing words from the conversations handed to agents, beside the running server', async () => {
    const temp = await tempDir();
    const server = await startTestServer(temp.dir, { faqStatsFlushMs: 20 });
    try {
      // Widgets showed the toimitus answer three times (one of them to the visitor below).
      for (let i = 0; i < 3; i++) {
        await fetch(`${server.url}/api/faq-stats`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"kind":"shown","faqId":"toimitus"}' });
      }
      await new Promise((r) => setTimeout(r, 100));
      const visitor = await connect(server, '/ws/visitor');
      visitor.send({ type: 'hello', lang: 'fi', page: PAGE });
      await visitor.next(isType('welcome'));
      const asked = 'kauanko toimitus kestää wombatille';
      visitor.send({
        type: 'handoff',
        id: 'h1',
        reason: 'not_helpful',
        lang: 'fi',
        page: PAGE,
        steps: [
          { at: 1, body: { kind: 'bot.query', query: 'moi', decision: 'none', intent: 'greeting', results: [] } },
          { at: 2, body: { kind: 'bot.query', query: asked, decision: 'answer', results: [{ id: 'toimitus', question: 'Kuinka kauan toimitus kestää?', score: 0.8 }] } },
          { at: 3, body: { kind: 'bot.answer', faqId: 'toimitus', question: 'Kuinka kauan toimitus kestää?' } },
          { at: 4, body: { kind: 'bot.feedback', faqId: 'toimitus', helpful: false } },
          { at: 5, body: { kind: 'bot.query', query: 'kenguru', decision: 'none', results: [] } },
        ],
      });
      const { conversationId } = await visitor.next(isType('ack'));
      visitor.close();
      // Before any agent has said what the visitor wanted, no figure on it.
      const unmatched = await run(['gaps', '--faq', join(temp.dir, 'faq.json'), '--data', join(temp.dir, 'data')]);
      expect(unmatched.out).not.toContain('Agents matched');
      // An agent says which entry it was: the toimitus entry, after all.
      const agent = await connect(server, '/ws/agent');
      agent.send({ type: 'hello', token: await login(server) });
      await agent.next(isType('welcome'));
      agent.send({ type: 'faqMatch', id: 'f1', conversationId, faqId: 'toimitus' });
      await agent.next(isType('ack'));
      agent.close();

      const faqFile = join(temp.dir, 'faq.json');
      const { code, out } = await run(['gaps', '--faq', faqFile, '--data', join(temp.dir, 'data')]);
      expect(code).toBe(0);
      const lines = out.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^1 handed-off conversation\(s\) in .*kohtaamo\.sqlite: 2 question\(s\) to the bot, 2 not settled by it \(0 of them/);
      expect(lines[1]).toMatch(/^Agents matched 2 of those to an entry or to none .*: the FAQ now answers 1 of them with the entry they named and 0 wrongly$/);
      expect(lines[2]).toMatch(/^  by answerThreshold: 0\.5 1 right, 0 wrong; .*; 0\.9 \d right, 0 wrong \(serve with --faq-option answerThreshold=…\)$/);
      expect(lines[2]).toContain(`; ${DEFAULT_OPTIONS.answerThreshold} (now) 1 right, 0 wrong;`);
      expect(lines[4]).toBe(`  toimitus  1×  of 3 shown  "${asked}"`);
      expect(lines.slice(6)).toEqual([`  kenguru     1×  agents said toimitus  "kenguru"`, `  wombatille  1×  agents said toimitus  near toimitus  "${asked}"`]);
      const first = await run(['gaps', '--faq', faqFile, '--data', join(temp.dir, 'data'), '--top', '1']);
      expect(first.out.trimEnd().split('\n').slice(6)).toEqual([`  kenguru  1×  agents said toimitus  "kenguru"`, '  … and 1 more (--top)']);

      // The same report for scripts: one JSON object, every list whole.
      const json = await run(['gaps', '--faq', faqFile, '--data', join(temp.dir, 'data'), '--top', '1', '--json']);
      expect(json.code).toBe(0);
      expect(json.out.trimEnd().split('\n')).toHaveLength(1);
      const report = JSON.parse(json.out) as FaqGaps & { database: string; answerThreshold: number; answersShown: FaqEntryCounts[] };
      expect(report).toMatchObject({
        database: expect.stringMatching(/kohtaamo\.sqlite$/),
        answerThreshold: DEFAULT_OPTIONS.answerThreshold,
        conversations: 1,
        questions: 2,
        unsettled: 2,
        agentChecked: { questions: 2, right: 1, wrong: 0 },
        unhelpful: [{ key: 'toimitus', count: 1, examples: [asked] }],
        answersShown: [{ faqId: 'toimitus', shown: 3, helped: 0 }],
      });
      expect(report.missingWords.map((t) => [t.key, t.agentsSaid])).toEqual([
        ['kenguru', [{ faqId: 'toimitus', questions: 1 }]],
        ['wombatille', [{ faqId: 'toimitus', questions: 1 }]],
      ]);
      expect((await run(['gaps', '--faq', faqFile, '--json', '--write', join(temp.dir, 'new.json')])).code).toBe(2);

      const nowhere = await run(['gaps', '--faq', faqFile, '--data', join(temp.dir, 'nowhere')]);
      expect(nowhere.code).toBe(1);
      expect(nowhere.err).toContain('cannot read the conversations');
      expect((await run(['gaps', '--faq', faqFile, '--top', '0'])).code).toBe(2);
    } finally {
      await server.close();
      await temp.remove();
    }
  });

  it('gaps --write: a copy of the FAQ with the words agents agree on in keywords, and what it does to their questions', async () => {
    const temp = await tempDir();
    try {
      const faqFile = join(temp.dir, 'faq.json');
      await writeFile(faqFile, JSON.stringify(FAQ));
      const data = join(temp.dir, 'data');
      await mkdir(data);
      const store = openSqliteStore(join(data, DATABASE_FILE), { checkpointMs: 0 });
      const asked = ['wombatille', 'entä wombatille'];
      for (const [i, query] of asked.entries()) {
        await store.createVisitor(`v${i}`, `hash-${i}`, 1);
        const handoff = { kind: 'handoff', reason: 'no_answer', page: PAGE, lang: 'fi' } as const;
        await store.handoff({
          visitorId: `v${i}`, handoffId: `h${i}`, conversationId: `c${i}`, at: 10 + i, lang: 'fi', page: PAGE, reason: 'no_answer', visitor: {}, questions: [query], botAnswers: [],
          events: [
            { clientId: `s${i}`, at: 10, role: 'visitor', body: { kind: 'bot.query', query, decision: 'suggest', results: [] } },
            { clientId: `h${i}`, at: 10, role: 'system', body: handoff },
          ],
        });
        await store.setFaqMatch(`c${i}`, { faqId: 'toimitus', agent: 'Aino', at: 20 });
      }
      await store.close();

      const out = join(temp.dir, 'faq-with-keywords.json');
      const { code, out: printed } = await run(['gaps', '--faq', faqFile, '--data', data, '--write', out]);
      expect(code).toBe(0);
      expect(printed).toContain(`Wrote ${out}, the FAQ with 1 keyword(s) added`);
      expect(printed).toContain('  toimitus + "wombatille" (2 questions)');
      expect(printed).toMatch(/On the agent-matched questions it answers 2 with the entry they named \(now 0\) and 0 wrongly \(now 0\)/);
      const written = JSON.parse(await readFile(out, 'utf8')) as typeof FAQ;
      expect(written.find((e) => e.id === 'toimitus')).toMatchObject({ keywords: ['wombatille'] });
      expect(written.filter((e) => e.id !== 'toimitus')).toEqual(FAQ.filter((e) => e.id !== 'toimitus'));
      // Its new keywords are words of visitors' questions: this user's alone, whatever the umask, as the database is.
      expect((await stat(out)).mode & 0o777).toBe(0o600);

      // Never over a file, and never over the FAQ itself.
      const again = await run(['gaps', '--faq', faqFile, '--data', data, '--write', out]);
      expect(again.code).toBe(1);
      expect(again.err).toContain('never overwrites');
      const nowhere = await run(['gaps', '--faq', faqFile, '--data', data, '--write', join(temp.dir, 'no-such-folder', 'faq.json')]);
      expect(nowhere.code).toBe(1);
      expect(nowhere.err).toMatch(/cannot write: ENOENT/);
      expect(nowhere.err).not.toContain('never overwrites');
      const itself = await run(['gaps', '--faq', faqFile, '--data', data, '--write', faqFile]);
      expect(itself.code).toBe(2);
      expect(itself.err).toContain('--write must name a new file');
    } finally {
      await temp.remove();
    }
  });
});

// Which FAQ search, explain and gaps read, as the site owner sees it on stderr.
describe('kohtaamo faq: which FAQ', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.KOHTAAMO_FAQ;
    delete process.env.KOHTAAMO_FAQ;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.KOHTAAMO_FAQ;
    else process.env.KOHTAAMO_FAQ = saved;
  });

  it('search without --faq says on stderr it uses the demo FAQ and how to pass yours; stdout stays one JSON line per query', async () => {
    const { code, out, err } = await run(['search'], 'paljonko toimitus maksaa\nvoinko palauttaa\n');
    expect(code).toBe(0);
    expect(err).toMatch(/^using the demo FAQ \(.*demo\/faq\.json\): pass yours with --faq FILE \(or KOHTAAMO_FAQ\)\n$/);
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(0, 2).map((l) => JSON.parse(l).query)).toEqual(['paljonko toimitus maksaa', 'voinko palauttaa']);
  });

  it('explain and gaps without --faq say it too', async () => {
    expect((await run(['explain', 'paljonko toimitus maksaa'])).err).toContain('using the demo FAQ');
    expect((await run(['gaps', '--top', 'x'])).err).toContain('using the demo FAQ');
  });

  it('says nothing of the demo with --faq or KOHTAAMO_FAQ', async () => {
    expect(await run(['search', '--faq', 'demo/faq.json'], 'hei\n')).toMatchObject({ code: 0, err: '' });
    process.env.KOHTAAMO_FAQ = 'demo/faq.json';
    expect(await run(['search'], 'hei\n')).toMatchObject({ code: 0, err: '' });
  });

  it('search or explain FILE (as validate FILE) is an error saying to pass it with --faq, not a query on the demo', async () => {
    for (const sub of ['search', 'explain']) {
      const { code, out, err } = await run([sub, 'my-faq.md']);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/^"my-faq\.md" looks like a FAQ file, not a query: pass the FAQ with --faq my-faq\.md, and the queries on stdin/);
    }
    expect((await run(['search', '--faq', 'demo/faq.json', 'site.json'])).code).toBe(2);
  });

  it('queries after the options still work, as documented', async () => {
    const { code, out } = await run(['explain', '--faq', 'demo/faq.json', 'paljonko toimitus maksaa wombatille']);
    expect(code).toBe(0);
    expect(out).toMatch(/^"paljonko toimitus maksaa wombatille" → /);
    expect(JSON.parse((await run(['search', '--faq', 'demo/faq.json', 'voinko palauttaa'])).out)).toMatchObject({ query: 'voinko palauttaa' });
  });
});

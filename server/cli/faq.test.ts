import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { faqCommand } from './faq';
import { DATABASE_FILE, openSqliteStore } from '../store/sqlite';

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
  it('validate: exit 0 and a summary for the demo FAQ', async () => {
    const { code, out } = await run(['validate', 'demo/faq.json']);
    expect(code).toBe(0);
    expect(out).toMatch(/demo\/faq\.json: \d+ entries \(\d+ fi, \d+ en\)/);
  });

  it('validate: exit 1 and every problem, naming file, entry and field', async () => {
    const path = await file([{ id: 'a', lang: 'sv', question: '', answer: 'x' }, { id: 'b', lang: 'fi', question: 'Q', answer: 1 }]);
    const { code, err } = await run(['validate', path]);
    expect(code).toBe(1);
    expect(err).toContain(`${path} entry 0 (a) field "lang"`);
    expect(err).toContain(`${path} entry 0 (a) field "question"`);
    expect(err).toContain(`${path} entry 1 (b) field "answer"`);
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
    expect(err).toContain('usage');
  });

  it('gaps: unhelpful answers and missing words from the conversations handed to agents', async () => {
    const data = await mkdtemp(join(tmpdir(), 'kohtaamo-gaps-'));
    const store = openSqliteStore(join(data, DATABASE_FILE), { checkpointMs: 0 });
    await store.createVisitor('v1', 'hash', 1);
    const page = { url: 'https://shop.example/', title: 'Shop' };
    await store.handoff({
      visitorId: 'v1',
      handoffId: 'h1',
      conversationId: 'c1',
      at: 10,
      lang: 'fi',
      page,
      reason: 'not_helpful',
      visitor: {},
      questions: [],
      botAnswers: [],
      events: [
        { clientId: 's1', at: 1, role: 'visitor', body: { kind: 'bot.query', query: 'paljonko toimitus maksaa wombatille', decision: 'answer', results: [] } },
        { clientId: 's2', at: 2, role: 'bot', body: { kind: 'bot.answer', faqId: 'shipping-cost-fi', question: 'Paljonko toimitus maksaa?' } },
        { clientId: 's3', at: 3, role: 'visitor', body: { kind: 'bot.feedback', faqId: 'shipping-cost-fi', helpful: false } },
        { clientId: 'h1', at: 10, role: 'system', body: { kind: 'handoff', reason: 'not_helpful', page, lang: 'fi' } },
      ],
    });
    await store.close();

    const { code, out } = await run(['gaps', '--faq', 'demo/faq.json', '--data', data]);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^1 handed-off conversation\(s\) in .*kohtaamo\.sqlite: 1 question\(s\) to the bot, 1 not settled by it/);
    expect(lines[2]).toBe('  shipping-cost-fi  1×  "paljonko toimitus maksaa wombatille"');
    expect(lines[4]).toBe('  wombatille  1×  "paljonko toimitus maksaa wombatille"');

    const missing = await run(['gaps', '--faq', 'demo/faq.json', '--data', join(data, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("cannot read the conversations");
    expect((await run(['gaps', '--top', '0', '--data', data])).code).toBe(2);
  });
});

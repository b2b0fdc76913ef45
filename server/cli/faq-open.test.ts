// Which FAQ `kohtaamo faq search|explain|gaps` reads, as the site owner sees it on stderr.
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { faqCommand } from './faq';

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

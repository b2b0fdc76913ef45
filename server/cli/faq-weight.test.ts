import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { buildFaqBundle, type FaqEntry } from '../../faq';
import { leanBundle } from '../../faq/wire';
import { faqCommand } from './faq';
import { downloadWarning, faqDownloadBytes, readingNotice } from './faq-weight';

// Answers no compressor can shrink much: what a FAQ of thousands of real entries weighs, in a few.
const heavy = (entries: number, bytes: number): FaqEntry[] =>
  Array.from({ length: entries }, (_, i) => ({ id: `e${i}-fi`, lang: 'fi', question: `Kysymys numero ${i} tuotteesta ${i}?`, answer: randomBytes(bytes).toString('base64') }));

it('says before a large FAQ is read that the start takes a while, and nothing for a small one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kohtaamo-weight-'));
  const file = join(dir, 'faq.json');
  await writeFile(file, JSON.stringify(heavy(3, 2000)));
  expect(await readingNotice(file)).toBeNull();
  expect(await readingNotice(file, 'FAQ', 1000)).toMatch(new RegExp(`^Reading the FAQ ${file} \\(0\\.0 MB\\): checking and building a file this large takes a while, .*the server listens when it is done\\.$`));
  expect(await readingNotice(join(dir, 'missing.json'), 'FAQ', 0)).toBeNull();
});

it('weighs the download as /api/faq sends it, and warns over the limit with what it costs visitors', () => {
  const entries = heavy(3, 3000);
  const { json, brotli } = faqDownloadBytes(entries);
  // What the widget asks for: the lean form at ?v=2 (faq/wire.ts), not the console's plain bundle.
  expect(json).toBe(Buffer.byteLength(JSON.stringify(leanBundle(buildFaqBundle(entries)))));
  expect(json).toBeGreaterThan(12_000);
  expect(brotli).toBeGreaterThan(9000);
  expect(brotli).toBeLessThan(json);
  expect(downloadWarning(entries)).toBeNull();
  expect(downloadWarning(entries, 4096)).toMatch(/^large: the widget downloads this FAQ \(GET \/api\/faq\) as about \d+ KB compressed, 0\.0 MB of JSON, when a visitor first opens the chat; on a 1 Mbit\/s mobile connection that is 1 s before the first answer, .*Keep it under 4 KB: /);
});

it('faq validate warns of a FAQ whose download would be over 1 MB', async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'kohtaamo-weight-')), 'faq.json');
  await writeFile(file, JSON.stringify(heavy(8, 90_000)));
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  expect(await faqCommand(['validate', file], { stdin: new PassThrough(), stdout: out, stderr: new PassThrough() })).toBe(0);
  expect(text).toMatch(/^1 large warning\(s\):\nwarning: .*faq\.json: large: the widget downloads this FAQ \(GET \/api\/faq\) as about 1\.\d MB compressed/m);
  expect(text.trimEnd().split('\n').at(-1)).toMatch(/8 entries \(8 fi, 0 en\), \d+ warning\(s\): .*1 large$/);
}, 60_000);

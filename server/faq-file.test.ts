import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FaqEntry } from '../faq';
import { createServer, type RunningServer } from './app';
import { loadFaqBundle, REPLIES_FILE } from './faq-file';
import { tempDir, testConfig } from './test-support';

// A shop's FAQ of a few hundred entries, every one about its own product: checked, linted and
// built, it takes this machine about a second (lint.ts compares every pair), long enough that a server busy with it would
// answer nobody meanwhile.
const PRODUCTS = ['sohva', 'matto', 'valaisin', 'sähköpyörä', 'verho', 'työtuoli', 'sänky', 'ruokapöytä', 'kirjahylly', 'patja', 'grilli', 'jääkaappi', 'televisio', 'kahvinkeitin', 'saunakiuas', 'ikkuna', 'robotti-imuri', 'kuntopyörä', 'astianpesukone', 'ruohonleikkuri'];
const SUBJECTS = ['toimitus', 'takuu', 'palautus', 'asennus', 'huolto', 'varaosat', 'kierrätys', 'osamaksu', 'nouto', 'mitat', 'reklamaatio', 'käyttöohje', 'hintatakuu', 'lahjakortti', 'tilausmuutos'];
const bigFaq = (edition: string): FaqEntry[] =>
  PRODUCTS.flatMap((product, p) =>
    SUBJECTS.map((subject, s) => ({
      id: `entry-${p}-${s}-${edition}`,
      lang: 'fi' as const,
      question: `Miten ${subject} toimii, kun ostan tuotteen ${product}${p}${s}?`,
      answer: `${subject[0]!.toUpperCase()}${subject.slice(1)}: tuotteelle ${product} se hoidetaan verkkokaupan kautta. Katso ohjeet sivulta ${edition}, ja kysy asiakaspalvelusta, jos ${product} on erikoistilaus (${p}-${s}).`,
      keywords: [product, subject, `${product}${s}`],
    })),
  );
const smallFaq = (edition: string): FaqEntry[] => [
  { id: `aukiolo-${edition}`, lang: 'fi', question: 'Milloin myymälä on auki?', answer: `Ma–pe 10–18 (${edition}).` },
  { id: `toimitus-${edition}`, lang: 'fi', question: 'Kuinka kauan toimitus kestää?', answer: `2–4 arkipäivää (${edition}).` },
];

let dir: { dir: string; remove(): Promise<void> };
let server: RunningServer;
let faqFile: string;
/** What the server has told its operator and what the test saw happen, in order. */
const events: string[] = [];
const waiting: { pattern: RegExp; resolve: () => void }[] = [];
const happened = (event: string) => {
  events.push(event);
  for (const w of waiting.filter((w) => w.pattern.test(event))) {
    waiting.splice(waiting.indexOf(w), 1);
    w.resolve();
  }
};
/** Resolves at the next event matching `pattern` from now on. */
const next = (pattern: RegExp) => new Promise<void>((resolve) => waiting.push({ pattern, resolve }));

beforeAll(async () => {
  dir = await tempDir();
  faqFile = join(dir.dir, 'faq.json');
  await writeFile(faqFile, JSON.stringify(bigFaq('a')));
  server = await createServer(await testConfig(dir.dir, { faq: faqFile }), { log: () => {}, info: happened });
}, 30_000);
afterAll(async () => {
  await server.close();
  await dir.remove();
});

const faqEtag = async () => (await fetch(`${server.url}/api/faq`, { headers: { 'accept-encoding': 'identity' } })).headers.get('etag');

it('keeps answering while an edited FAQ is checked and built', async () => {
  const before = await faqEtag();
  const changed = next(/^FAQ file changed/);
  const reloaded = next(/^FAQ reloaded: 300 entries/);
  await writeFile(faqFile, JSON.stringify(bigFaq('b')));
  await changed;
  // Asks for the server's health until the edit is served: a server busy building it answers only after.
  while (!events.some((e) => /^FAQ (not )?reloaded/.test(e))) {
    const res = await fetch(`${server.url}/api/health`);
    happened(`health ${res.status}`);
  }
  await reloaded;
  const during = events.slice(events.findIndex((e) => e.startsWith('FAQ file changed')), events.findIndex((e) => e.startsWith('FAQ reloaded')));
  expect(during.filter((e) => e === 'health 200').length).toBeGreaterThan(0);
  expect(await faqEtag()).not.toBe(before);
  // Compressed in the worker with the rest: the first visitor taking brotli gets the new FAQ in it.
  const br = await fetch(`${server.url}/api/faq`, { headers: { 'accept-encoding': 'br' } });
  expect(br.headers.get('content-encoding')).toBe('br');
  expect(await br.text()).toBe(await (await fetch(`${server.url}/api/faq`, { headers: { 'accept-encoding': 'identity' } })).text());
  // The widget's lean form is made with it.
  const lean = await fetch(`${server.url}/api/faq?v=2`, { headers: { 'accept-encoding': 'br' } });
  expect(lean.headers.get('content-encoding')).toBe('br');
  expect(await lean.text()).toMatch(/^\{"version":2,.*"entry-0-0-b"/);
}, 30_000);

it('serves the last edit when edits come faster than they are built, never an older one', async () => {
  events.length = 0;
  // An edit, and a second one while the first is being built.
  const firstBuilding = next(/^FAQ file changed/);
  await writeFile(faqFile, JSON.stringify(bigFaq('c')));
  await firstBuilding;
  const secondServed = next(/^FAQ reloaded: 2 entries/);
  await writeFile(faqFile, JSON.stringify(smallFaq('d')));
  await secondServed;
  expect(await (await fetch(`${server.url}/api/faq`)).text()).toContain('toimitus-d');
  // A third edit as big as the first, started after it: had the first been let run on, it would end before this one.
  const thirdServed = next(/^FAQ reloaded: 300 entries/);
  await writeFile(faqFile, JSON.stringify(bigFaq('e')));
  await thirdServed;
  expect(events.filter((e) => e.startsWith('FAQ reloaded'))).toEqual(['FAQ reloaded: 2 entries', 'FAQ reloaded: 300 entries']);
  const served = await (await fetch(`${server.url}/api/faq`)).text();
  expect(served).toContain('entry-0-0-e');
  expect(served).not.toContain('entry-0-0-c');
}, 30_000);

it('keeps serving the previous FAQ when an edit is broken, and says what to fix', async () => {
  const before = await faqEtag();
  const told = next(/^FAQ not reloaded/);
  await writeFile(faqFile, JSON.stringify([...smallFaq('f'), { id: 'puuttuu', lang: 'fi', question: 'Mitä?' }]));
  await told;
  expect(events.at(-1)).toMatch(/^FAQ not reloaded, still serving the previous one\. The FAQ file has 1 problem\(s\); fix them in the file and save it: each save is checked again, and the previous one is served until one is valid:\n {2}.*faq\.json:1:\d+ \(puuttuu\) field "answer": /);
  expect(await faqEtag()).toBe(before);
}, 30_000);

it('says so when a broken edit is put back to the FAQ served, rather than leave "checking it" the last word', async () => {
  const good = JSON.stringify(smallFaq('g'));
  let told = next(/^FAQ reloaded/);
  await writeFile(faqFile, good);
  await told;
  told = next(/^FAQ not reloaded/);
  await writeFile(faqFile, `${good.slice(0, -1)},]`);
  await told;
  const before = await faqEtag();
  told = next(/^FAQ file is back to the one served/);
  await writeFile(faqFile, good);
  await told;
  expect(events.at(-1)).toBe('FAQ file is back to the one served: nothing changed');
  expect(await faqEtag()).toBe(before);
  // Saved again unchanged, with nothing broken between: the same, said as such.
  told = next(/^FAQ file is the same as the one served/);
  await writeFile(faqFile, good);
  await told;
  expect(events.at(-1)).toBe('FAQ file is the same as the one served: nothing changed');
}, 30_000);

it('says how many warnings an edit served has, and how to see them', async () => {
  const [first, second] = smallFaq('w');
  const told = next(/^FAQ reloaded: 2 entries, /);
  await writeFile(faqFile, JSON.stringify([first, { ...second!, answer: `${second!.answer} [Katso](javascript:alert(1))` }]));
  await told;
  expect(events.at(-1)).toBe(`FAQ reloaded: 2 entries, 1 warning: see it with npx kohtaamo faq validate ${faqFile}`);
}, 30_000);

it('at start, a broken file may be fixed or another one passed with its flag', async () => {
  const broken = join(dir.dir, 'broken.json');
  await writeFile(broken, JSON.stringify([{ id: 'puuttuu', lang: 'fi', question: 'Mitä?' }]));
  await expect(loadFaqBundle(broken)).rejects.toThrow(/^The FAQ file has 1 problem\(s\); fix them or pass another file with --faq:\n/);
  await expect(loadFaqBundle(broken, {}, REPLIES_FILE)).rejects.toThrow(/^The saved replies file has 1 problem\(s\); fix them or pass another file with --replies:\n/);
});

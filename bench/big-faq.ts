// A large FAQ for measuring what a big one costs the visitor: 1,000 entries in 500 topics of a
// Finnish and an English entry, from the repo's own (the demo's and every faq/fixtures/*.json
// pair), each copy named apart by a product word and its answer followed by another topic's,
// as long as a real shop's. Deterministic. Used by bench/faq-load.bench.ts and faq/wire.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaqEntry } from '../faq/types';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as FaqEntry[];
const key = (id: string) => id.replace(/-(fi|en)$/, '');

export function thousandEntries(): FaqEntry[] {
  const fixtures = readdirSync(join(root, 'faq/fixtures'))
    .filter((f) => f.endsWith('.json') && !f.endsWith('-queries.json'))
    .sort();
  const all = [...read('demo/faq.json'), ...fixtures.flatMap((f) => read(`faq/fixtures/${f}`).map((e) => ({ ...e, id: `${f.replace('.json', '')}-${e.id}` })))];
  const pairs = new Map<string, Partial<Record<'fi' | 'en', FaqEntry>>>();
  for (const e of all) pairs.set(key(e.id), { ...pairs.get(key(e.id)), [e.lang]: e });
  const topics = [...pairs].filter(([, p]) => p.fi && p.en);
  const lines = ['sohva', 'matto', 'valaisin', 'pyörä', 'verho', 'tuoli', 'sänky', 'pöytä', 'hylly', 'tyyny', 'lamppu', 'kaappi'];
  return Array.from({ length: 500 }, (_, i) => {
    const [topic, pair] = topics[(i * 37) % topics.length]!;
    const [, other] = topics[(i * 53 + 11) % topics.length]!;
    const line = `${lines[i % lines.length]}${i}`;
    return (['fi', 'en'] as const).map((lang) => {
      const e = pair[lang]!;
      return { ...e, id: `${topic}-v${i}-${lang}`, question: `${e.question} (${line})`, keywords: [...(e.keywords ?? []), line], answer: `${e.answer}\n\n${other[lang]!.answer}` };
    });
  }).flat();
}

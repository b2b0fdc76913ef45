import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFaqBundle, searchFromBundle, type FaqBundle, type FaqEntry, type FaqSearchOptions } from './index';
import { leanBundle, readLeanBundle } from './wire';
import { thousandEntries } from '../bench/big-faq';

const read = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as T;
type Query = { q: string; lang: 'fi' | 'en' };
const fixtures = readdirSync(new URL('./fixtures/', import.meta.url))
  .filter((f) => f.endsWith('.json') && !f.endsWith('-queries.json'))
  .sort()
  .map((f) => ({ name: f.replace('.json', ''), entries: read<FaqEntry[]>(`./fixtures/${f}`), queries: read<Query[]>(`./fixtures/${f.replace('.json', '-queries.json')}`) }));
const DEMO = read<FaqEntry[]>('../demo/faq.json');
const ALL_QUERIES = fixtures.flatMap((f) => f.queries);

/** As the widget gets it: the lean bundle through JSON, read back. */
const throughWire = (bundle: FaqBundle) => readLeanBundle(JSON.parse(JSON.stringify(leanBundle(bundle))));

/** Everything a search says about a message (results, decision, word readings, evidence), but for the keywords the lean bundle leaves out. */
const said = (bundle: FaqBundle, queries: Query[]) => {
  const faq = searchFromBundle(bundle);
  return JSON.stringify(
    queries.map(({ q, lang }) => faq.explain(q, lang)),
    (key, value: unknown) => (key === 'keywords' ? undefined : value),
  );
};

describe('the lean bundle', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('searches the %s FAQ exactly as the plain one', (_, { entries, queries }) => {
    const bundle = buildFaqBundle(entries);
    expect(said(throughWire(bundle), queries)).toBe(said(bundle, queries));
  });

  it('searches the demo FAQ exactly as the plain one, for every query of every fixture', () => {
    const bundle = buildFaqBundle(DEMO);
    expect(said(throughWire(bundle), ALL_QUERIES)).toBe(said(bundle, ALL_QUERIES));
  });

  it('searches a 1,000-entry FAQ exactly as the plain one, in 30 % fewer bytes', () => {
    const bundle = buildFaqBundle(thousandEntries());
    expect(said(throughWire(bundle), ALL_QUERIES)).toBe(said(bundle, ALL_QUERIES));
    expect(JSON.stringify(leanBundle(bundle)).length).toBeLessThan(0.7 * JSON.stringify({ bundle }).length);
  }, 60_000);

  it.each<Partial<FaqSearchOptions>>([{ answerFieldWeight: 1 }, { answerFieldWeight: 0.25 }, { synonymStrength: 0 }])('gives back the plain bundle with %o', (options) => {
    const bundle = buildFaqBundle(DEMO, options);
    const back = throughWire(bundle);
    // The same topics, terms and weights; only the order of a topic's terms may differ, which no search reads.
    const sorted = (b: FaqBundle) =>
      b.topics.map((t) => ({ ...t, pairs: t.terms.map((term, i) => [term, t.weights[i]]).sort((x, y) => x[0]! - y[0]!), terms: [], weights: [] }));
    expect(sorted(back)).toEqual(sorted(bundle));
    expect({ ...back, topics: [] }).toEqual({ ...bundle, topics: [], entries: DEMO.map(({ keywords: _, ...e }) => e) });
  });

  it('leaves out what the widget recomputes or never reads', () => {
    const lean = leanBundle(buildFaqBundle(DEMO));
    expect(lean.entries.some((e) => 'keywords' in e)).toBe(false);
    expect(lean.topics.flat().every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
  });

  it('reads an FAQ with no terms at all', () => {
    const bundle = buildFaqBundle([]);
    expect(throughWire(bundle)).toEqual(bundle);
  });

  it('refuses a bundle whose topics do not follow from its entries', () => {
    const bundle = buildFaqBundle(DEMO);
    expect(() => leanBundle({ ...bundle, topics: bundle.topics.slice(1) })).toThrow(/do not follow from the entries/);
    const odd = bundle.topics.map((t, i) => (i === 0 ? { ...t, weights: t.weights.map(() => 0.7) } : t));
    expect(() => leanBundle({ ...bundle, topics: odd })).toThrow(/a weight other than 1 and answerFieldWeight/);
  });
});

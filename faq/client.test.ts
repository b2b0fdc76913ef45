import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { faqFrom } from './client';
import { buildFaqBundle, type FaqEntry } from './index';
import { leanBundle } from './wire';

const DEMO = JSON.parse(readFileSync(new URL('../demo/faq.json', import.meta.url), 'utf8')) as FaqEntry[];
const bundle = buildFaqBundle(DEMO);
const answered = async (body: unknown) => (await faqFrom(new Response(JSON.stringify(body)))).search.search('kauanko toimitus kestää', 'fi');

it('searches the lean bundle of GET /api/faq?v=2 as the plain one', async () => {
  const lean = await answered(leanBundle(bundle));
  expect(lean.decision).toBe('answer');
  expect(JSON.stringify(lean, (key, value: unknown) => (key === 'keywords' ? undefined : value))).toBe(
    JSON.stringify(await answered({ bundle }), (key, value: unknown) => (key === 'keywords' ? undefined : value)),
  );
});

it('takes the plain { bundle } from a server that predates the lean one (it ignores v=2)', async () => {
  expect((await answered({ bundle })).results[0]?.entry.id).toBe('delivery-time-fi');
});

it('fails on an error status, so the widget counts the FAQ as unavailable', async () => {
  await expect(faqFrom(new Response('{}', { status: 503 }))).rejects.toThrow(/503/);
});

it('parses Markdown for the answers it shows', async () => {
  const kit = await faqFrom(new Response(JSON.stringify(leanBundle(bundle))));
  expect(kit.parse('**a**')).toEqual([{ type: 'p', children: [{ type: 'strong', children: [{ type: 'text', text: 'a' }] }] }]);
});

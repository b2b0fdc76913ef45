// The labelled FAQ sets: the shared dev set (../shared/faq-eval) and ours in other trades
// (faq/fixtures/). Used by `npm run faq:eval` (scores) and `npm run faq:fit` (the answer model).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FaqSet {
  name: string;
  faq: string;
  queries: string;
  /** Never looked at query by query, and never fitted on: the honest held-out figure. */
  keptAside?: boolean;
}

export interface LabelledQuery {
  q: string;
  lang: 'fi' | 'en';
  /** The right topic (entry id without -fi/-en), or null: out of scope. */
  expect: string | null;
}

const root = fileURLToPath(new URL('..', import.meta.url));
export const shared = process.env.KOHTAAMO_FAQ_EVAL ?? join(root, '../shared/faq-eval');

const ours = (name: string, file: string, keptAside = false): FaqSet => ({
  name,
  faq: join(root, `faq/fixtures/${file}.json`),
  queries: join(root, `faq/fixtures/${file}-queries.json`),
  ...(keptAside ? { keptAside } : {}),
});

export const SETS: FaqSet[] = [
  { name: 'dev (shared webshop)', faq: join(shared, 'webshop/faq.json'), queries: join(shared, 'webshop/queries-dev.json') },
  ours('cross-check (bike shop)', 'bike-shop'),
  // Written after tuning; its first run revealed two bugs, since fixed: no longer quite held out.
  ours('held out (gym)', 'gym'),
  // Written after all tuning and never tuned on: the honest held-out figure.
  ours('held out (hotel)', 'hotel'),
  // Written after all tuning, during the general-lexicon experiment (see faq/README.md), and run once.
  ours('held out (energy)', 'energy'),
  // Written by separate authors who never saw the engine, in the style of the dev set (see faq/README.md).
  ours('blind (telecom)', 'telecom'),
  ours('blind (vet clinic)', 'vet'),
  // Written later the same way; its first run (6.7 % answered) made it a set to find faults in.
  ours('blind (electronics shop)', 'electronics'),
  // And three more, run once each on the session-start engine and on the current one; the first two then found faults.
  ours('blind (car workshop)', 'workshop'),
  ours('blind (accounting SaaS)', 'saas'),
  // Three more blind sets, run once each on the engine before and after the answer model
  // (faq/README.md), then added to the sets it is fitted on.
  ours('blind (online pharmacy)', 'pharmacy'),
  ours('blind (ferry line)', 'ferry'),
  ours('blind (clothing shop)', 'clothing'),
  // Also blind, and kept aside: never looked at query by query while the search was changed.
  ours('blind, kept aside (insurance)', 'insurance', true),
  ours('blind, kept aside (transit)', 'transit', true),
  ours('blind, kept aside (rental housing)', 'housing', true),
  ours('blind, kept aside (dental clinic)', 'dental', true),
  // Three more, written blind while a 4× larger lexicon was tried (faq/README.md) and run on it
  // and on the engine as it is, as totals only; kept aside since.
  ours('blind, kept aside (ticket seller)', 'ticketing', true),
  ours('blind, kept aside (home cleaning)', 'cleaning', true),
  ours('blind, kept aside (scooter rental)', 'scooter', true),
];

// The FAQ answers the bot showed, so the agent reads what the visitor read; the entries an agent
// may name as the one a conversation needed; and the answers an agent can insert into a reply
// (`/` in the composer), found with the widget's own search. Fetched once per login from
// `/api/faq`; if that fails the transcript still shows which question was shown.
import { computed, signal } from '@preact/signals';
import { searchFromBundle } from '../../../faq/client';
import type { FaqBundle } from '../../../faq/bundle';
import { fold } from '../../../faq/text';
import type { FaqEntry, FaqSearch } from '../../../faq/types';
import type { ConsoleEnv } from '../env';

/** Answers offered for one `/` lookup. */
const FIND_LIMIT = 5;

export function createFaqAnswers(env: ConsoleEnv) {
  const byId = signal<ReadonlyMap<string, FaqEntry>>(new Map());
  let search: FaqSearch | null = null;
  let loading: Promise<void> | null = null;

  function load(): Promise<void> {
    loading ??= env
      .fetch(new URL('/api/faq', env.pageUrl).href)
      .then((response) => (response.ok ? response.json() : null))
      .then((body: unknown) => {
        const bundle = bundleOf(body);
        try {
          search = bundle ? searchFromBundle({ ...bundle, options: { ...bundle.options, maxResults: FIND_LIMIT, maxSuggestions: FIND_LIMIT } }) : null;
        } catch {
          search = null; // not a bundle this console understands: the question text still finds answers
        }
        byId.value = new Map(entriesOf(body).map((e) => [e.id, e]));
      })
      .catch(() => {
        // A later login tries again; the answer text is a nicety, not the transcript.
        loading = null;
      });
    return loading;
  }

  /** The Markdown answer of an FAQ entry, when known. */
  const answer = (faqId: string): string | undefined => byId.value.get(faqId)?.answer;

  const entries = computed(() => [...byId.value.values()]);

  /**
   * Entries for an agent's lookup, the conversation's language first: what the search ranks for
   * the words (as a visitor's message would be), then questions that contain them as typed.
   */
  function find(query: string, lang: 'fi' | 'en'): FaqEntry[] {
    const words = fold(query.trim());
    if (words.length < 2) return [];
    const ranked = search?.search(query, lang).results.map((r) => r.entry) ?? [];
    const written = entries.value.filter((e) => fold(e.question).includes(words));
    const found = [...new Map([...ranked, ...written].map((e) => [e.id, e])).values()];
    return [...found.filter((e) => e.lang === lang), ...found.filter((e) => e.lang !== lang)].slice(0, FIND_LIMIT);
  }

  return { load, answer, entries, find };
}

function isEntry(value: unknown): value is FaqEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<FaqEntry>;
  return typeof e.id === 'string' && typeof e.answer === 'string' && typeof e.question === 'string' && (e.lang === 'fi' || e.lang === 'en');
}

/** The `{ bundle }` of `/api/faq`, when it has the parts the search needs. */
function bundleOf(body: unknown): FaqBundle | null {
  const bundle = typeof body === 'object' && body !== null && 'bundle' in body ? body.bundle : null;
  if (typeof bundle !== 'object' || bundle === null) return null;
  return 'topics' in bundle && 'terms' in bundle && 'entries' in bundle ? (bundle as FaqBundle) : null;
}

/** The entries inside `{ bundle }`, wherever the bundle keeps them. */
function entriesOf(body: unknown): FaqEntry[] {
  const bundle = typeof body === 'object' && body !== null && 'bundle' in body ? body.bundle : null;
  if (typeof bundle !== 'object' || bundle === null) return [];
  const entries = 'entries' in bundle ? bundle.entries : null;
  return Array.isArray(entries) ? entries.filter(isEntry) : [];
}

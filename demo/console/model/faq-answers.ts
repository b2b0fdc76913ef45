// The FAQ answers the bot showed, so the agent reads what the visitor read; the entries an agent
// may name as the one a conversation needed; and what an agent can insert into a reply (`/` in
// the composer): the team's saved replies and the FAQ's answers, found with the widget's own
// search. Fetched once per login from `/api/faq` and `/api/replies`; if that fails the
// transcript still shows which question was shown.
import { computed, signal } from '@preact/signals';
import { searchFromBundle } from '../../../faq/client';
import type { FaqBundle } from '../../../faq/bundle';
import { fold } from '../../../faq/text';
import type { FaqEntry, FaqSearch } from '../../../faq/types';
import { serverUrl, type ConsoleEnv } from '../env';

/** Answers offered for one `/` lookup. */
const FIND_LIMIT = 5;

/** Something to insert: an FAQ answer, or (`saved`) one of the team's saved replies. */
export interface Insertable {
  entry: FaqEntry;
  saved: boolean;
}

/** One `{ bundle }` file of answers: searchable, and its entries by id. */
function createAnswers() {
  const byId = signal<ReadonlyMap<string, FaqEntry>>(new Map());
  let search: FaqSearch | null = null;
  return {
    byId,
    set(body: unknown) {
      const bundle = bundleOf(body);
      try {
        search = bundle ? searchFromBundle({ ...bundle, options: { ...bundle.options, maxResults: FIND_LIMIT, maxSuggestions: FIND_LIMIT } }) : null;
      } catch {
        search = null; // not a bundle this console understands: the question text still finds answers
      }
      byId.value = new Map(entriesOf(body).map((e) => [e.id, e]));
    },
    /**
     * Entries for an agent's lookup: what the search ranks for the words (as a visitor's message
     * would be), then those whose question or keywords contain them as typed ("/hei" finds a
     * greeting, which the search takes for small talk).
     */
    find(query: string, lang: 'fi' | 'en'): FaqEntry[] {
      const words = fold(query.trim());
      const ranked = search?.search(query, lang).results.map((r) => r.entry) ?? [];
      const written = [...byId.value.values()].filter((e) => [e.question, ...(e.keywords ?? [])].some((text) => fold(text).includes(words)));
      return [...new Map([...ranked, ...written].map((e) => [e.id, e])).values()];
    },
  };
}

export function createFaqAnswers(env: ConsoleEnv) {
  const faq = createAnswers();
  const replies = createAnswers();
  let loading: Promise<void> | null = null;

  const fetched = (path: string, token?: string) =>
    env
      .fetch(serverUrl(env.pageUrl, path), token ? { headers: { authorization: `Bearer ${token}` } } : undefined)
      .then((response) => {
        if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
        return response.json() as Promise<unknown>;
      });

  /** Both files, once; a failure (a session refused, no network) lets the next login try again: the answers are a nicety, not the transcript. */
  function load(token: string): Promise<void> {
    loading ??= Promise.all([fetched('/api/faq').then(faq.set), fetched('/api/replies', token).then(replies.set)])
      .then(() => undefined)
      .catch(() => void (loading = null));
    return loading;
  }

  /** The Markdown answer of an FAQ entry, when known. */
  const answer = (faqId: string): string | undefined => faq.byId.value.get(faqId)?.answer;
  /** The language an FAQ entry is written in, when known: a screen reader speaks it in that voice. */
  const langOf = (faqId: string): 'fi' | 'en' | undefined => faq.byId.value.get(faqId)?.lang;

  const entries = computed(() => [...faq.byId.value.values()]);

  /** What an agent's lookup offers: the team's saved replies first, then FAQ answers; the conversation's language first in each. */
  function find(query: string, lang: 'fi' | 'en'): Insertable[] {
    if (fold(query.trim()).length < 2) return [];
    const inLang = (found: FaqEntry[], saved: boolean) =>
      [...found.filter((e) => e.lang === lang), ...found.filter((e) => e.lang !== lang)].map((entry) => ({ entry, saved }));
    return [...inLang(replies.find(query, lang), true), ...inLang(faq.find(query, lang), false)].slice(0, FIND_LIMIT);
  }

  return { load, answer, langOf, entries, find };
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

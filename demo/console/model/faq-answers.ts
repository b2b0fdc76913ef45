// The FAQ answers the bot showed, so the agent reads what the visitor read; the entries an agent
// may name as the one a conversation needed; and what an agent can insert into a reply (`/` in
// the composer): the team's saved replies and the FAQ's answers, found with the widget's own
// search. Fetched once per login from `/api/faq` and `/api/replies`; if that fails the
// transcript still shows which question was shown, the `/` lookup says which could not be loaded
// and why (the status mapping a file's download uses, http-problem.ts), and the next lookup asks
// again for the file that failed, where asking again can help (fileLoad).
import { computed, signal } from '@preact/signals';
import { searchFromBundle } from '../../../faq/client';
import type { FaqBundle } from '../../../faq/bundle';
import { fold } from '../../../faq/text';
import type { FaqEntry, FaqSearch } from '../../../faq/types';
import { ANSWERS_RATE_LIMIT_PAUSE_MS } from '../config';
import { serverUrl, type ConsoleEnv } from '../env';
import { statusProblem, type StatusProblem } from './http-problem';

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

/** Which of the two files could not be loaded, and why (the saved replies' reason when both failed: they need the session too). */
export type AnswersFailed = { what: 'faq' | 'replies' | 'both'; problem: StatusProblem };

class LoadFailed extends Error {
  constructor(readonly problem: StatusProblem) {
    super(`answers not loaded: ${problem}`);
  }
}

/** Null once loaded, else why not: an answer that is no JSON (a dropped connection, a captive portal's page) is the network's. */
const settled = (file: Promise<void>): Promise<StatusProblem | null> =>
  file.then(
    () => null,
    (error: unknown) => (error instanceof LoadFailed ? error.problem : 'other'),
  );

/**
 * One file's loading, each apart: a lookup asked for both again at every keystroke once either
 * had failed, the whole FAQ bundle with it. At a login it is asked for unless it is loaded or on
 * its way; at a lookup only when it failed where asking again can help: a server that failed or
 * a connection that did not get through, and a server that refused so many requests only after a
 * pause (not once a keystroke). Never with a token refused (the login after it asks with the new
 * one) nor a request refused (the same is refused again; the words say to reload).
 */
function fileLoad(fetchFile: (token: string) => Promise<void>) {
  let asked: Promise<void> | null = null;
  let busy = false;
  let problem: StatusProblem | null = null;
  /** When it last answered: a 429 is asked again only a pause after. */
  let answeredAt = 0;
  function ask(token: string): Promise<void> {
    busy = true;
    asked = settled(fetchFile(token)).then((p) => {
      busy = false;
      problem = p;
      answeredAt = Date.now();
    });
    return asked;
  }
  const mendable = () =>
    problem === 'server_failed' || problem === 'other' || (problem === 'rate_limited' && Date.now() - answeredAt >= ANSWERS_RATE_LIMIT_PAUSE_MS);
  return {
    /** Why the last answer was no file, while the next is on its way too. */
    problem: () => problem,
    load: (token: string): Promise<void> => (asked && (busy || problem === null) ? asked : ask(token)),
    /** Null when it is not asked for again. */
    again: (token: string): Promise<void> | null => (!busy && mendable() ? ask(token) : null),
  };
}

export function createFaqAnswers(env: ConsoleEnv) {
  const faq = createAnswers();
  const replies = createAnswers();
  /** The token of the last load, for a lookup to ask again with. */
  let lastToken: string | null = null;
  const failed = signal<AnswersFailed | null>(null);

  const fetched = (path: string, token?: string) =>
    env.fetch(serverUrl(env.pageUrl, path), token ? { headers: { authorization: `Bearer ${token}` } } : undefined).then(
      (response) => {
        if (!response.ok) throw new LoadFailed(statusProblem(response.status));
        return response.json() as Promise<unknown>;
      },
      () => {
        throw new LoadFailed('other');
      },
    );
  const ofFaq = fileLoad(() => fetched('/api/faq').then(faq.set));
  const ofReplies = fileLoad((token) => fetched('/api/replies', token).then(replies.set));

  /** What the lookup says, from both files as they last answered (one may be asked for again meanwhile). */
  function told(): void {
    const [faqProblem, repliesProblem] = [ofFaq.problem(), ofReplies.problem()];
    const problem = repliesProblem ?? faqProblem;
    failed.value = problem === null ? null : { what: faqProblem && repliesProblem ? 'both' : repliesProblem ? 'replies' : 'faq', problem };
  }

  /** Both files, once; a failure (a session refused, no network) lets the next login, or lookup where it helps, try again: the answers are a nicety, not the transcript. */
  function load(token: string): Promise<void> {
    lastToken = token;
    return Promise.all([ofFaq.load(token), ofReplies.load(token)]).then(told);
  }

  /** The agent looks something up: what could not be loaded is asked for again, where that can help (one request at a time). */
  function again(): void {
    if (!failed.value || !lastToken) return;
    const asked = [ofFaq.again(lastToken), ofReplies.again(lastToken)].filter((p) => p !== null);
    if (asked.length > 0) void Promise.all(asked).then(told);
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

  return { load, again, failed, answer, langOf, entries, find };
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

// The FAQ answers the bot showed, so the agent reads what the visitor read, and the entries an
// agent may name as the one a conversation needed. Fetched once per login from `/api/faq`; if
// that fails the transcript still shows which question was shown.
import { computed, signal } from '@preact/signals';
import type { FaqEntry } from '../../../faq/types';
import type { ConsoleEnv } from '../env';

export function createFaqAnswers(env: ConsoleEnv) {
  const byId = signal<ReadonlyMap<string, FaqEntry>>(new Map());
  let loading: Promise<void> | null = null;

  function load(): Promise<void> {
    loading ??= env
      .fetch(new URL('/api/faq', env.pageUrl).href)
      .then((response) => (response.ok ? response.json() : null))
      .then((body: unknown) => {
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

  return { load, answer, entries };
}

function isEntry(value: unknown): value is FaqEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Partial<FaqEntry>;
  return typeof e.id === 'string' && typeof e.answer === 'string' && typeof e.question === 'string' && (e.lang === 'fi' || e.lang === 'en');
}

/** The entries inside `{ bundle }`, wherever the bundle keeps them. */
function entriesOf(body: unknown): FaqEntry[] {
  const bundle = typeof body === 'object' && body !== null && 'bundle' in body ? body.bundle : null;
  if (typeof bundle !== 'object' || bundle === null) return [];
  const entries = 'entries' in bundle ? bundle.entries : null;
  return Array.isArray(entries) ? entries.filter(isEntry) : [];
}

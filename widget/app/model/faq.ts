// FAQ search while the visitor types: debounced, keeps the last results on screen until new
// ones are ready (no flicker), and remembers which suggestion the arrow keys point at.
import { signal } from '@preact/signals';
import type { FaqSearch, FaqSearchResult, MdBlock } from '../../../faq/types';
import type { Lang } from '../../../protocol/limits';
import { deadline } from '../../deadline';

/** The FAQ as the widget uses it, once its code and data have arrived. */
export interface FaqKit {
  search: FaqSearch;
  parse(md: string): MdBlock[];
}

export interface FaqSettings {
  debounceMs: number;
  maxSuggestions: number;
}
export const FAQ_DEFAULTS: Readonly<FaqSettings> = Object.freeze({ debounceMs: 120, maxSuggestions: 5 });

export function createFaqModel(load: () => Promise<FaqKit>, lang: () => Lang, settings: Partial<FaqSettings> = {}) {
  const s = { ...FAQ_DEFAULTS, ...settings };
  const state = signal<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const query = signal('');
  const result = signal<FaqSearchResult | null>(null);
  const active = signal(-1);
  let kit: FaqKit | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = (text: string): FaqSearchResult | null => {
    if (!kit || text.trim() === '') return null;
    try {
      const r = kit.search.search(text, lang());
      return { ...r, results: r.results.slice(0, s.maxSuggestions) };
    } catch {
      // A broken FAQ (a bug, a bundle this code cannot read) must never stand between the
      // visitor and a person: it counts as unavailable, and every way to a person still works.
      state.value = 'error';
      return null;
    }
  };
  const apply = () => {
    const next = run(query.value);
    result.value = next;
    active.value = -1;
  };

  return {
    state,
    query,
    result,
    active,
    ensure() {
      if (state.value === 'loading' || state.value === 'ready') return;
      state.value = 'loading';
      // One that never comes (a stalled request) counts as failed too: Enter goes to a person, the next open tries again.
      deadline(load()).then(
        (k) => {
          kit = k;
          state.value = 'ready';
          if (query.value) apply();
        },
        () => (state.value = 'error'),
      );
    },
    input(text: string) {
      query.value = text;
      clearTimeout(timer);
      // Typing deselects at once: an Enter before the new search must not open the last one's pick.
      active.value = -1;
      if (text.trim() === '') {
        result.value = null;
        return;
      }
      timer = setTimeout(apply, s.debounceMs);
    },
    /** Search now (Enter pressed): the result the bot acts on. */
    searchNow(): FaqSearchResult | null {
      clearTimeout(timer);
      apply();
      return result.value;
    },
    move(delta: 1 | -1) {
      const n = result.value?.results.length ?? 0;
      if (n === 0) return;
      active.value = active.value + delta < -1 ? n - 1 : active.value + delta >= n ? -1 : active.value + delta;
    },
    clear() {
      clearTimeout(timer);
      query.value = '';
      result.value = null;
      active.value = -1;
    },
    parse: (md: string): MdBlock[] => kit?.parse(md) ?? [{ type: 'p', children: [{ type: 'text', text: md }] }],
    dispose() {
      clearTimeout(timer);
    },
  };
}
export type FaqModel = ReturnType<typeof createFaqModel>;

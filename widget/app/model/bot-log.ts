// What happened with the bot, in the shape the handoff carries (protocol/events.ts), so the
// agent sees what the visitor asked and was shown without anyone repeating it.
import { signal } from '@preact/signals';
import { LIMITS } from '../../../protocol/limits';
import type { BotStep } from '../../../protocol/events';
import { FAQ_STATS_PATH, type FaqStat } from '../../../protocol/faq-stats';
import type { FaqEntry, FaqSearchResult } from '../../../faq/types';
import { stringify } from '../net/json';

const title = (s: string) => s.slice(0, LIMITS.title);
const clamp01 = (n: number) => Math.min(1, Math.max(0, Number.isFinite(n) ? n : 0));

/**
 * `tell`: the server's beacon of an answer shown or found helpful (protocol/faq-stats.ts), for the
 * site owner's self-service figures; counts only, nothing about the visitor.
 */
export function createBotLog(now: () => number = Date.now, tell: (stat: FaqStat) => void = () => {}) {
  const steps = signal<BotStep[]>([]);
  // Oldest steps go first when the handoff would be over its limit.
  const push = (body: BotStep['body']) => {
    steps.value = [...steps.value, { at: now(), body }].slice(-LIMITS.botSteps);
  };
  return {
    steps,
    /**
     * Once for the question on screen: one sent with Enter is asked again as a suggestion opens or
     * the visitor asks for a person. `unsent`: typed, never sent (protocol/events.ts).
     */
    query(query: string, result: FaqSearchResult, unsent?: true) {
      query = query.slice(0, LIMITS.query);
      if ((steps.value.at(-1) as { body: { query?: string } } | undefined)?.body.query === query) return;
      push({
        kind: 'bot.query',
        query,
        unsent,
        decision: result.decision,
        ...(result.intent ? { intent: result.intent } : {}),
        results: result.results
          .slice(0, LIMITS.results)
          .map((h) => ({ id: h.entry.id, question: title(h.entry.question), score: clamp01(h.score) })),
      });
    },
    answer(entry: FaqEntry) {
      push({ kind: 'bot.answer', faqId: entry.id, question: title(entry.question) });
      tell({ kind: 'shown', faqId: entry.id });
    },
    feedback(entry: FaqEntry, helpful: boolean) {
      push({ kind: 'bot.feedback', faqId: entry.id, helpful });
      if (helpful) tell({ kind: 'helped', faqId: entry.id });
    },
    restore(saved: BotStep[]) {
      steps.value = saved;
    },
    clear() {
      steps.value = [];
    },
  };
}
export type BotLog = ReturnType<typeof createBotLog>;

/**
 * Sends the beacon without waiting or retrying, and also as the page unloads (keepalive): a lost
 * one is a figure a little low. Without cookies: `navigator.sendBeacon` always sends those the
 * browser keeps for the server's site (the shop's own, where Kohtaamo runs on its domain). A
 * string goes as text/plain, which needs no CORS preflight (the server allows any origin to read
 * its answer, server/faq-http.ts); a failure is nobody's error (a page's handler may report it to
 * the site's error tracker).
 */
export const beaconTo = (server: string) => (stat: FaqStat) =>
  void fetch(server + FAQ_STATS_PATH, { method: 'POST', body: stringify(stat), keepalive: true, credentials: 'omit' }).catch(String);

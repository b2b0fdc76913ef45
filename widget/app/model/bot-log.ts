// What happened with the bot, in the shape the handoff carries (protocol/events.ts), so the
// agent sees what the visitor asked and was shown without anyone repeating it.
import { signal } from '@preact/signals';
import { LIMITS } from '../../../protocol/limits';
import type { BotStep } from '../../../protocol/events';
import type { FaqEntry, FaqSearchResult } from '../../../faq/types';

const title = (s: string) => s.slice(0, LIMITS.title);
const clamp01 = (n: number) => Math.min(1, Math.max(0, Number.isFinite(n) ? n : 0));

export function createBotLog(now: () => number = Date.now) {
  const steps = signal<BotStep[]>([]);
  // Oldest steps go first when the handoff would be over its limit.
  const push = (body: BotStep['body']) => {
    steps.value = [...steps.value, { at: now(), body }].slice(-LIMITS.botSteps);
  };
  return {
    steps,
    query(query: string, result: FaqSearchResult) {
      push({
        kind: 'bot.query',
        query: query.slice(0, LIMITS.query),
        decision: result.decision,
        ...(result.intent ? { intent: result.intent } : {}),
        results: result.results
          .slice(0, LIMITS.results)
          .map((h) => ({ id: h.entry.id, question: title(h.entry.question), score: clamp01(h.score) })),
      });
    },
    answer(entry: FaqEntry) {
      push({ kind: 'bot.answer', faqId: entry.id, question: title(entry.question) });
    },
    feedback(entry: FaqEntry, helpful: boolean) {
      push({ kind: 'bot.feedback', faqId: entry.id, helpful });
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

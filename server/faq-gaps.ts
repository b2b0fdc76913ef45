// Where the FAQ failed visitors who then asked for a person, for `kohtaamo faq gaps`: answers
// they said did not help, and the words of their unsettled questions that the FAQ lacks. Such a
// word usually belongs in the `keywords` of the entry that answers it — the fix that a site's
// own visitors' words make, and no general lexicon can. Where an agent said which entry a
// conversation needed (the console's "FAQ match"), its words are put there for certain, and its
// questions measure the FAQ on the site's own visitors.
import { detectLang, type FaqSearchWithExplain } from '../faq';
import { topicKey } from '../faq/bundle';
import { answerProbability } from '../faq/calibration';
import { stem } from '../faq/stem';
import type { HandedOff } from './store/bot-history';

/** Examples kept per answer or word: enough to see what visitors meant. */
const MAX_EXAMPLES = 3;
/** answerThreshold values the agent-matched questions are tried at, beside the site's own. */
const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9];

export interface Tally {
  /** An entry id, or the forms of one word as the search reads them (lower case, no diacritics). */
  key: string;
  /** For an answer, the visitors' "no"s; for a word, the questions it was in (once each, in whatever forms). */
  count: number;
  /** Visitors' questions, newest conversation first. */
  examples: string[];
  /** For a missing word: the entries its questions otherwise came nearest to, most often first — where it may belong. */
  near?: string[];
  /** For a missing word: the entries agents said its questions needed, most often first — where it belongs. */
  agentsSaid?: { faqId: string; questions: number }[];
}

/** The FAQ as it is now, on the unsettled questions of conversations an agent matched. */
export interface AgentCheck {
  questions: number;
  /** Answered with the entry the agent named (either language's). */
  right: number;
  /** Answered with another entry, or answered at all where the agent said no entry fits. */
  wrong: number;
  /** The same at other answerThreshold values, the site's own among them, lowest first: the trade-off on its own visitors. */
  byThreshold: { answerThreshold: number; right: number; wrong: number }[];
}

export interface FaqGaps {
  conversations: number;
  /** Questions visitors asked the bot (greetings, thanks and wishes for a person left out). */
  questions: number;
  /** Questions no answer settled: none fitted, or the visitor was not helped by what was shown. */
  unsettled: number;
  /**
   * Unsettled questions the FAQ as it is now answers with an entry the visitor did not reject:
   * the FAQ changed since, or the visitor wanted a person anyway.
   */
  answeredNow: number;
  /** Answers a visitor said did not help, most often first. */
  unhelpful: Tally[];
  /** Words of unsettled questions that no entry has, most often first. */
  missingWords: Tally[];
  agentChecked: AgentCheck;
  /** Unsettled questions of conversations agents said no entry answers, newest first: new entries to write? */
  notInFaq: string[];
}

/** Most often first, ties by name. */
const byCount = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));

/** Counts by key, keeping a few examples, the forms seen (for words) and the entries they came near or belong to. */
function tallies() {
  const byKey = new Map<string, { count: number; examples: string[]; forms: string[]; near: Map<string, number>; said: Map<string, number> }>();
  const bump = (counts: Map<string, number>, id: string | undefined) => {
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  /** Another form of a word already counted for this question: shown, not counted again. */
  const addForm = (key: string, form: string) => {
    const t = byKey.get(key);
    if (t && !t.forms.includes(form)) t.forms.push(form);
  };
  return {
    add(key: string, example: string, form?: string, near?: string, said?: string) {
      const t = byKey.get(key) ?? { count: 0, examples: [], forms: [], near: new Map<string, number>(), said: new Map<string, number>() };
      byKey.set(key, t);
      t.count++;
      if (!t.examples.includes(example) && t.examples.length < MAX_EXAMPLES) t.examples.push(example);
      if (form) addForm(key, form);
      bump(t.near, near);
      bump(t.said, said);
    },
    form: addForm,
    /** Most often first. One word in its several forms (wombatin, wombatille) is one gap. */
    ranked(): Tally[] {
      return [...byKey]
        .map(([key, t]) => ({
          key: t.forms.length > 0 ? t.forms.join(', ') : key,
          count: t.count,
          examples: t.examples,
          ...(t.near.size > 0 ? { near: byCount(t.near).map(([id]) => id) } : {}),
          ...(t.said.size > 0 ? { agentsSaid: byCount(t.said).map(([faqId, questions]) => ({ faqId, questions })) } : {}),
        }))
        .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
    },
  };
}

/**
 * `faq` must be the site's search with `answerThreshold` 0, so that one pass can judge the
 * questions at any threshold; what counts as answered is judged at `answerThreshold`.
 */
export function findFaqGaps(history: HandedOff[], faq: FaqSearchWithExplain, answerThreshold: number): FaqGaps {
  const unhelpful = tallies();
  const missing = tallies();
  let questions = 0;
  let unsettled = 0;
  let answeredNow = 0;
  let agentQuestions = 0;
  const thresholds = [...new Set([...THRESHOLDS, answerThreshold])].sort((a, b) => a - b);
  const byThreshold = thresholds.map((t) => ({ answerThreshold: t, right: 0, wrong: 0 }));
  const notInFaq: string[] = [];
  for (const conversation of [...history].reverse()) {
    const open: { query: string; rejected: string[] }[] = [];
    for (const { body } of conversation.steps) {
      if (body.kind === 'bot.query' && !body.intent && body.query.trim()) {
        open.push({ query: body.query.trim(), rejected: [] });
        questions++;
      } else if (body.kind === 'bot.feedback' && open.length > 0) {
        // The verdict is on the answer to the question just asked.
        const asked = open.at(-1)!;
        if (body.helpful) open.pop();
        else {
          asked.rejected.push(body.faqId);
          unhelpful.add(body.faqId, asked.query);
        }
      }
    }
    // What the agent said the conversation was about holds for each question the bot left open.
    const said = conversation.faqMatch;
    for (const { query, rejected } of open) {
      unsettled++;
      const { result, words, evidence } = faq.explain(query);
      const best = result.results[0]?.entry.id;
      // Everything but the threshold allows an answer; the probability decides at each threshold.
      const probability = result.decision === 'answer' && best !== undefined && evidence ? answerProbability(evidence) : -1;
      if (probability >= answerThreshold && !rejected.includes(best!)) answeredNow++;
      if (said !== undefined) {
        agentQuestions++;
        const right = said !== null && best !== undefined && topicKey(best) === topicKey(said);
        for (const t of byThreshold) if (probability >= t.answerThreshold) t[right ? 'right' : 'wrong']++;
      }
      if (said === null) notInFaq.push(query);
      const lang = detectLang(query);
      // Each word once per question, however many of its forms the question has ("wombatin …
      // wombatille"): the count is of questions, and --write needs two that agree.
      const counted = new Set<string>();
      for (const w of words) {
        if (w.topics.length > 0 || w.everyday) continue;
        const key = stem(w.word, lang);
        if (counted.has(key)) missing.form(key, w.word);
        else missing.add(key, query, w.word, best, said ?? undefined);
        counted.add(key);
      }
    }
  }
  const own = byThreshold.find((t) => t.answerThreshold === answerThreshold)!;
  return {
    conversations: history.length,
    questions,
    unsettled,
    answeredNow,
    unhelpful: unhelpful.ranked(),
    missingWords: missing.ranked(),
    agentChecked: { questions: agentQuestions, right: own.right, wrong: own.wrong, byThreshold },
    notInFaq,
  };
}

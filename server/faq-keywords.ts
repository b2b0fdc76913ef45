// The fix `kohtaamo faq gaps --write` proposes: each missing word that agents put under one entry
// often enough becomes one of that entry's keywords, in a copy of the FAQ the site owner reviews.
// Agents' matches are what make this safe to automate; the search's nearest guess is not
// (it is wrong about one time in five), so words without them are only listed.
import { detectLang, type FaqEntry } from '../faq';
import { topicKey } from '../faq/bundle';
import { tokenize } from '../faq/text';
import type { Tally } from './faq-gaps';

/** Questions that must put a word under the same entry before it is added: one could be a slip. */
export const MIN_AGREEING = 2;

export interface AddedKeyword {
  faqId: string;
  word: string;
  /** Questions agents matched to the entry that had the word. */
  questions: number;
}

/**
 * A copy of `entries` with the agreed missing words added to keywords. A word goes to the entry
 * of its questions' language when the topic has one (the agent may have picked the other
 * language's), as the form visitors used most recently; an entry no longer in the FAQ gets none.
 */
export function withAgentKeywords(entries: readonly FaqEntry[], missingWords: readonly Tally[]): { entries: FaqEntry[]; added: AddedKeyword[] } {
  const copy = entries.map((e) => ({ ...e, ...(e.keywords ? { keywords: [...e.keywords] } : {}) }));
  const added: AddedKeyword[] = [];
  for (const tally of missingWords) {
    const top = tally.agentsSaid?.[0];
    if (!top || top.questions < MIN_AGREEING) continue;
    const named = copy.find((e) => e.id === top.faqId);
    if (!named) continue;
    const lang = detectLang(tally.examples[0] ?? '');
    const entry = copy.find((e) => topicKey(e.id) === topicKey(named.id) && e.lang === lang) ?? named;
    const word = asTyped(tally.key.split(', ')[0]!, tally.examples);
    entry.keywords = [...(entry.keywords ?? []), word];
    added.push({ faqId: entry.id, word, questions: top.questions });
  }
  return { entries: copy, added };
}

/** The search reads words folded (kesarenkaat); the FAQ file should have them as visitors wrote them (kesärenkaat). */
function asTyped(folded: string, examples: readonly string[]): string {
  for (const example of examples) {
    const typed = example.split(/[^\p{L}\p{N}'’]+/u).find((w) => tokenize(w).join('') === folded);
    if (typed) return typed.toLowerCase();
  }
  return folded;
}

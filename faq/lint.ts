// Warnings for a FAQ that loads but will not serve visitors well: two entries so alike that the
// search cannot tell them apart, and entries that not even their own question finds.
import type { FaqEntry, FaqProblem } from './types';
import { buildFaqBundle, topicKey } from './bundle';
import { searchFromBundle } from './search';
import { termsOf } from './terms';

/** Share of distinct question+keyword terms two entries may have in common before they are "near-duplicates". */
const DUPLICATE_OVERLAP = 0.75;

function strongTerms(e: FaqEntry): Set<string> {
  return new Set(termsOf(`${e.question} ${(e.keywords ?? []).join(' ')}`, e.lang));
}

export function lintFaq(entries: FaqEntry[], file: string): FaqProblem[] {
  const warnings: FaqProblem[] = [];
  const at = (index: number, message: string) => ({ file, entry: index, id: entries[index]!.id, message });
  const terms = entries.map(strongTerms);
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const a = entries[i]!;
      const b = entries[j]!;
      if (a.lang !== b.lang || topicKey(a.id) === topicKey(b.id)) continue;
      const shared = [...terms[i]!].filter((t) => terms[j]!.has(t)).length;
      const smaller = Math.min(terms[i]!.size, terms[j]!.size);
      if (smaller > 0 && shared / smaller >= DUPLICATE_OVERLAP) {
        warnings.push(at(j, `near-duplicate of entry ${i} (${a.id}): visitors cannot be told which one answers`));
      }
    }
  }
  const search = searchFromBundle(buildFaqBundle(entries));
  entries.forEach((entry, index) => {
    const found = search.search(entry.question, entry.lang).results.some((h) => topicKey(h.entry.id) === topicKey(entry.id));
    if (!found) warnings.push(at(index, 'unreachable: even its own question does not find it; add keywords a visitor would use'));
  });
  return warnings;
}

// Warnings for a FAQ that loads but will not serve visitors well: two entries the search cannot
// tell apart, and entries that not even their own question finds.
//
// Both are judged by the search itself, on each entry's own question: the words shared between
// two questions say nothing when one word tells them apart ("maton" / "sohvan"), and what a
// visitor meets is the search's decision, not a count of shared words.
import type { FaqEntry, FaqIntent, FaqProblem, FaqWarningKind } from './types';
import { buildFaqBundle, topicKey } from './bundle';
import { searchFromBundle } from './search';
import { entryByNumber, type EntryName } from './validate';

export function lintFaq(entries: FaqEntry[], file: string, entryName: EntryName = entryByNumber): FaqProblem[] {
  const at = (index: number, kind: FaqWarningKind, message: string): FaqProblem => ({ file, entry: index, id: entries[index]!.id, kind, message });
  const bundle = buildFaqBundle(entries);
  const search = searchFromBundle(bundle);
  const { minMargin } = bundle.options;
  const indexOf = new Map(entries.map((e, i) => [e.id, i]));
  const unreachable: FaqProblem[] = [];
  /** Per entry whose own question the search cannot settle: the rival entry's index, and why. */
  const confused = new Map<number, { rival: number; why: string }>();
  entries.forEach((entry, index) => {
    const own = topicKey(entry.id);
    // One search per entry, with its evidence: each costs the postings of the question's words.
    const { result, evidence } = search.weigh(entry.question, entry.lang);
    const rank = result.results.findIndex((h) => topicKey(h.entry.id) === own);
    if (rank < 0) {
      // Small talk and a wish for a person are told before any entry is searched: no keyword helps.
      const reads = result.intent && READS_AS[result.intent];
      unreachable.push(
        at(
          index,
          'unreachable',
          reads
            ? `unreachable: its own question reads as ${reads}, told before any entry is searched, so no keyword helps; reword the question`
            : 'unreachable: even its own question does not find it; add keywords a visitor would use',
        ),
      );
      return;
    }
    // The answer needs the lead over the runner-up topic (search.ts: margin >= minMargin); without
    // it the visitor who asks exactly this question is offered a choice, or is answered the other one.
    const rival = rank > 0 ? result.results[0] : evidence && evidence.margin < minMargin ? result.results[1] : undefined;
    const other = rival ? indexOf.get(rival.entry.id) : undefined;
    if (rival === undefined || other === undefined) return;
    const why =
      rank > 0
        ? `its own question finds ${rival.entry.id} first`
        : `its own question leads ${rival.entry.id} by only ${percent(evidence!.margin)}, an answer needs ${percent(minMargin)}`;
    confused.set(index, { rival: other, why });
  });
  // One warning per pair: on the entry whose question the search confuses, or the later of the two.
  const duplicates: FaqProblem[] = [];
  for (const [index, { rival, why }] of confused) {
    if (confused.get(rival)?.rival === index && rival > index) continue;
    duplicates.push(at(index, 'near-duplicate', `near-duplicate of ${entryName(rival)} (${entries[rival]!.id}): visitors cannot be told which one answers (${why}); add words that tell them apart`));
  }
  return [...duplicates, ...unreachable, ...oneLanguage(entries, at)];
}

const LANGUAGE = { fi: 'Finnish', en: 'English' } as const;

/**
 * In a FAQ written in both languages, a topic in one only: its visitors of the other language are
 * answered in it. Often an entry forgotten; in a FAQ in one language, nothing to say.
 */
function oneLanguage(entries: FaqEntry[], at: (index: number, kind: FaqWarningKind, message: string) => FaqProblem): FaqProblem[] {
  if (new Set(entries.map((e) => e.lang)).size < 2) return [];
  const langs = new Map<string, Set<string>>();
  for (const e of entries) langs.set(topicKey(e.id), (langs.get(topicKey(e.id)) ?? new Set()).add(e.lang));
  return entries.flatMap((e, index) => {
    if (langs.get(topicKey(e.id))!.size > 1) return [];
    const other = e.lang === 'fi' ? 'en' : 'fi';
    return [at(index, 'one-language', `one-language: no ${LANGUAGE[other]} entry ${topicKey(e.id)}-${other}, so ${LANGUAGE[other]} visitors are answered in ${LANGUAGE[e.lang]}; add one, unless that is meant`)];
  });
}

const READS_AS: Record<FaqIntent, string> = { handoff: 'a wish for a person (handed to an agent)', greeting: 'a greeting', thanks: 'thanks' };

function percent(share: number): string {
  return `${Math.max(0, Math.round(share * 100))}%`;
}

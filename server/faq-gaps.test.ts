import { describe, expect, it } from 'vitest';
import { createFaqSearch, DEFAULT_OPTIONS, type FaqEntry } from '../faq';
import type { BotStep } from '../protocol';
import { findFaqGaps } from './faq-gaps';
import { withAgentKeywords } from './faq-keywords';
import type { HandedOff } from './store/bot-history';

const FAQ: FaqEntry[] = [
  { id: 'tv-mounting-fi', lang: 'fi', question: 'Asennatteko television seinään?', answer: 'Asennus maksaa 129 €.', keywords: ['asennus'] },
  { id: 'returns-fi', lang: 'fi', question: 'Voinko palauttaa tuotteen?', answer: 'Palautusoikeus on 30 päivää.', keywords: ['palautus'] },
];
const faq = createFaqSearch(FAQ);
// The report's search answers at any probability and judges the answers at the threshold it is given.
const anyThreshold = createFaqSearch(FAQ, { answerThreshold: 0, suggestThreshold: 0 });
const gapsOf = (history: HandedOff[], answerThreshold = DEFAULT_OPTIONS.answerThreshold) => findFaqGaps(history, anyThreshold, answerThreshold);

const query = (q: string, decision: 'answer' | 'suggest' | 'none' = 'suggest', intent?: 'greeting'): BotStep['body'] => ({
  kind: 'bot.query',
  query: q,
  decision,
  ...(intent ? { intent } : {}),
  results: [],
});
const feedback = (faqId: string, helpful: boolean): BotStep['body'] => ({ kind: 'bot.feedback', faqId, helpful });
const conversation = (id: string, ...bodies: BotStep['body'][]): HandedOff => ({
  conversationId: id,
  createdAt: 1,
  steps: bodies.map((body, i) => ({ at: i, body })),
});
const matched = (faqMatch: string | null, c: HandedOff): HandedOff => ({ ...c, faqMatch });

describe('findFaqGaps', () => {
  const gaps = gapsOf(
    [
      conversation('c1', query('moi', 'none', 'greeting'), query('wombatille ruokaa')),
      conversation('c2', query('voiko avatun palauttaa', 'answer'), feedback('returns-fi', false)),
      conversation('c3', query('palautus', 'answer'), feedback('returns-fi', true), query('kuka hoitaa wombatin kuljetuksen')),
      conversation('c4', query('palautusoikeus', 'answer'), feedback('returns-fi', false)),
      conversation('c5'),
    ],
  );

  it('counts conversations and questions, leaving small talk out', () => {
    expect(gaps).toMatchObject({ conversations: 5, questions: 5, unsettled: 4 });
  });

  it('lists answers visitors said did not help, with the questions that met them', () => {
    expect(gaps.unhelpful).toEqual([{ key: 'returns-fi', count: 2, examples: ['palautusoikeus', 'voiko avatun palauttaa'] }]);
  });

  it('lists the words of unsettled questions that the FAQ lacks, most often first', () => {
    expect(gaps.missingWords[0]).toEqual({
      key: 'wombatin, wombatille',
      count: 2,
      examples: ['kuka hoitaa wombatin kuljetuksen', 'wombatille ruokaa'],
    });
    // A question a visitor was helped with is no gap, whatever its words.
    expect(gaps.missingWords.flatMap((t) => t.examples)).not.toContain('palautus');
  });

  it('names the entries the questions with a missing word came nearest to', () => {
    const near = gapsOf([conversation('c1', query('voiko wombatin palauttaa')), conversation('c2', query('saako wombatille palautuksen'))]);
    expect(faq.search('voiko wombatin palauttaa').results[0]?.entry.id).toBe('returns-fi');
    expect(near.missingWords[0]).toMatchObject({ count: 2, near: ['returns-fi'] });
  });

  it('says which unsettled questions the FAQ as it is now would answer, not counting an answer the visitor rejected', () => {
    const now = (q: string) => faq.search(q).results[0]?.entry.id;
    expect(faq.search('palautusoikeus').decision).toBe('answer');
    expect(now('palautusoikeus')).toBe('returns-fi');
    const again = gapsOf([conversation('c1', query('palautusoikeus', 'answer'), feedback('returns-fi', false))]);
    expect(again.answeredNow).toBe(0);
    const changed = gapsOf([conversation('c1', query('palautusoikeus', 'none'))]);
    expect(changed.answeredNow).toBe(1);
  });

  it('puts missing words where agents said their questions belonged, and measures the FAQ on those questions', () => {
    const history = [
      // The search would guess returns; the agent knew the visitor meant mounting.
      matched('tv-mounting-fi', conversation('c1', query('voiko wombatin palauttaa'))),
      matched('tv-mounting-fi', conversation('c2', query('asennatteko television seinään', 'none'))),
      matched('returns-fi', conversation('c3', query('palautusoikeus', 'answer'), feedback('returns-fi', false))),
      matched(null, conversation('c4', query('myyttekö kenkiä'), query('entä palautus', 'answer'))),
      conversation('c5', query('palautusoikeus')),
    ];
    const report = gapsOf(history);
    expect(faq.search('voiko wombatin palauttaa').results[0]?.entry.id).toBe('returns-fi');
    expect(report.missingWords.find((t) => t.key.startsWith('wombatin'))).toMatchObject({ near: ['returns-fi'], agentsSaid: [{ faqId: 'tv-mounting-fi', questions: 1 }] });
    // Five questions the agents matched. Right: mounting, and "palautusoikeus" (the visitor's
    // "no" notwithstanding). Wrong: the wombat answered with returns, and "entä palautus"
    // answered where no entry fits.
    for (const q of ['voiko wombatin palauttaa', 'asennatteko television seinään', 'palautusoikeus', 'entä palautus']) expect(faq.search(q).decision).toBe('answer');
    expect(faq.search('myyttekö kenkiä').decision).not.toBe('answer');
    expect(report.agentChecked).toMatchObject({ questions: 5, right: 2, wrong: 2 });
    // And at other thresholds, the site's own among them: at 0.9 only mounting (0.994) and
    // "entä palautus" (0.942) are still answered; "palautusoikeus" (0.889) and the wombat (0.892) are not.
    expect(report.agentChecked.byThreshold.map((t) => [t.answerThreshold, t.right, t.wrong])).toEqual([
      [0.5, 2, 2], [0.6, 2, 2], [0.7, 2, 2], [DEFAULT_OPTIONS.answerThreshold, 2, 2], [0.8, 2, 2], [0.9, 1, 1],
    ]);
    expect(gapsOf(history, 0.9).agentChecked).toMatchObject({ right: 1, wrong: 1 });
    expect(report.notInFaq).toEqual(['myyttekö kenkiä', 'entä palautus']);
  });
});

describe('findFaqGaps: a word twice in one question', () => {
  it('counts a missing word once per question, whatever its forms, so --write still needs two questions', () => {
    const history = [matched('returns-fi', conversation('c1', query('wombatin ruoka, mitä wombatille saa antaa')))];
    const gaps = gapsOf(history);
    const wombat = gaps.missingWords.find((t) => t.key.includes('wombat'));
    expect(gaps.unsettled).toBe(1);
    expect(wombat).toMatchObject({ key: 'wombatin, wombatille', count: 1, agentsSaid: [{ faqId: 'returns-fi', questions: 1 }] });
    expect(withAgentKeywords(FAQ, gaps.missingWords).added).toEqual([]);
  });
});

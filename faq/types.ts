// The FAQ's public types. `faq/` is pure: it runs in the browser (the widget searches while
// the visitor types) and in Node (the CLI, the server), and imports nothing of ours.

/** One entry of the canonical FAQ format: a JSON array of these. `answer` is Markdown. */
export interface FaqEntry {
  id: string;
  lang: 'fi' | 'en';
  question: string;
  answer: string;
  keywords?: string[];
}

export type FaqDecision = 'answer' | 'suggest' | 'none';

/** Small talk and wishes that are not FAQ questions. */
export type FaqIntent = 'greeting' | 'thanks' | 'handoff';

export interface FaqHit {
  entry: FaqEntry;
  /**
   * In [0, 1], the same on any FAQ: for the best result, the probability that it is the right
   * entry (what answerThreshold compares); for the others, the share of the message they explain.
   */
  score: number;
}

export interface FaqSearchResult {
  decision: FaqDecision;
  /** Set when the query is a greeting, thanks, or a wish to talk to a person. */
  intent?: FaqIntent;
  /** Best first. For `answer`, results[0] is the answer; for `suggest`, the candidates; for `none`, may be empty. */
  results: FaqHit[];
}

export interface FaqSearch {
  /**
   * `lang` is the page's language (the widget's), and the visitor's unless their message is
   * clearly in the other one: entries in the visitor's language are preferred when a topic exists
   * in both. Without it, the message's language is guessed.
   */
  search(query: string, lang?: 'fi' | 'en'): FaqSearchResult;
}

/** What `searchFromBundle` and `createFaqSearch` return: the widget needs only `search`. */
export interface FaqSearchWithExplain extends FaqSearch {
  /** The same search, with how each word of the message met the FAQ: for site owners tuning it. */
  explain(query: string, lang?: 'fi' | 'en'): FaqExplanation;
  /**
   * The search with the evidence that decided it, without explain's reading of each word (which
   * walks every topic a common word is in): what checking every entry of a FAQ needs.
   */
  weigh(query: string, lang?: 'fi' | 'en'): Omit<FaqExplanation, 'words'>;
}

/** How one word (or one part of a compound) of a message met the FAQ. */
export interface FaqWordReading {
  word: string;
  /** Its share of the message's weight (0 … 1): what it counts for or against an entry. */
  share: number;
  /** An everyday or question word: it counts only where the FAQ uses it. */
  everyday: boolean;
  /** Topics (entry ids without -fi/-en) it matched, strongest first; empty: the FAQ lacks it. */
  topics: { topic: string; strength: number }[];
}

export interface FaqExplanation {
  result: FaqSearchResult;
  words: FaqWordReading[];
  /** What decided between answering and not; absent when no entry matched at all. */
  evidence?: AnswerEvidence;
}

/** What the search knows about its best-ranked entry for one message; every share is of the message's weight. */
export interface AnswerEvidence {
  /** The entry's confidence: coverage with its lead, or the question alone after a story (search.ts). */
  confidence: number;
  /** Share of words the FAQ does not know. */
  unknown: number;
  /** Share of words other entries match and this one does not. */
  rival: number;
  /** Lead over the runner-up in coverage: 1 − runner-up / best. */
  margin: number;
  /** Lead over the runner-up in ranking score (plain idf). */
  rankMargin: number;
  /** Content words of the message (everyday and question words not counted). */
  words: number;
  /** 1 when the message tells a story before its question, else 0. */
  story: number;
}

/** A problem found while validating a FAQ file: where it is and what to fix. */
export interface FaqProblem {
  file: string;
  /** Index of the entry in the array, when the problem is in one entry. */
  entry?: number;
  /** The line (1-based): of the problem, of its field, or of its entry (a Markdown entry's heading). */
  line?: number;
  /** In a JSON FAQ, the column (1-based) on that line. */
  column?: number;
  /** The entry's id, when it has one. */
  id?: string;
  field?: string;
  /** For a warning: what kind, the first word of its message (`kohtaamo faq validate` groups by it). */
  kind?: FaqWarningKind;
  message: string;
}

export type FaqWarningKind = 'near-duplicate' | 'unreachable' | 'one-language' | 'markdown' | 'large';

/** Safe Markdown: a tree of these, never HTML strings. Renderers turn it into DOM nodes. */
export type MdBlock =
  | { type: 'p'; children: MdInline[] }
  | { type: 'ul' | 'ol'; items: MdInline[][] };
export type MdInline =
  | { type: 'text'; text: string }
  | { type: 'strong' | 'em'; children: MdInline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: MdInline[] };

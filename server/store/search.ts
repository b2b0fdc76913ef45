// What an agent's search for conversations (`search` on the agent socket) matches, in SQLite's
// and PostgreSQL's words side by side, so both stores mean the same: the conversation's id or
// visitor id exactly; or, in any case, part of the visitor's name or email, of a question they
// asked the bot, of the rating comment, of a chat message or an agents' note, or of the name of a
// file sent (kuitti.pdf).
//
// SQLite runs in the server's one thread, so a search there holds up every chat while it reads.
// Folding each row's text at every search (a JavaScript function per row, and the JSON parsed)
// took 70 ms for 20,000 conversations: SQLite keeps the text folded beside each row instead,
// written with the row (`search_*` columns, schema.ts; sqlite-search-columns.ts fills them in a
// database from before), and the search is SQLite's own instr() on them. PostgreSQL folds as it
// reads: it is fast there, and runs beside the server.
import { LONE_SURROGATE } from '../../protocol';

/**
 * Chat messages and notes are searched in this many newest conversations only: one search must not read
 * every message ever stored (with SQLite, it would hold up every chat while it reads). Names,
 * emails, questions and comments are on the conversation's own row and are searched in all.
 */
export const SEARCH_MESSAGES_IN = 2_000;

/**
 * Lower case, as PostgreSQL's lower() has it, where JavaScript's differs: Turkish İ lowers to i
 * there but to i + U+0307 (combining dot above) here, so "ilkka" would not find "İlkka" on SQLite.
 * Both stores drop U+0307 after lowering (PostgreSQL in PG_SEARCH), so they fold alike. Half an
 * emoji (a lone surrogate) is U+FFFD, as PostgreSQL's driver sends it (and jsonText stores it):
 * SQLite's would write it as bytes that are no UTF-8, which U+FFFD in the text would not match.
 */
export const fold = (text: string) => text.replace(LONE_SURROGATE, '\ufffd').toLowerCase().replaceAll('\u0307', '');

/** The query as the stores compare it: lower case (also ä, ö and å, as PostgreSQL's lower()). */
export const foldedQuery = (query: string) => fold(query.trim());

/**
 * Between the summary's fields in `search_summary`: U+0000, which no stored summary holds (jsonText
 * makes it U+FFFD), so a query matches there only within one field, as it does on PostgreSQL. A
 * query holding it matches no field (sqliteSearchParameters). SQLite's instr() counts bytes, not
 * up to the first U+0000 (length() would stop there).
 */
const FIELDS_APART = '\u0000';

/**
 * A conversation's `search_summary`: its summary's (jsonText) visitor name, email and questions,
 * folded; null with none of them, as the search then finds nothing there.
 */
export function summarySearchText(summaryJson: string): string | null {
  const summary = JSON.parse(summaryJson) as { visitor?: { name?: unknown; email?: unknown }; questions?: unknown };
  const questions: unknown[] = Array.isArray(summary.questions) ? summary.questions : [];
  const fields = [summary.visitor?.name, summary.visitor?.email, ...questions].filter((field): field is string => typeof field === 'string');
  return fields.length > 0 ? fields.map(fold).join(FIELDS_APART) : null;
}

/** A conversation's `search_comment`: its rating comment, folded. */
export const commentSearchText = (comment: string | null | undefined): string | null => (typeof comment === 'string' ? fold(comment) : null);

/**
 * An event's `search_text`: a chat message's or note's text, or a file's name, folded; null for
 * the other kinds (the search finds nothing in them). `body` as stored (parsed from jsonText).
 */
export function eventSearchText(body: { kind: string; text?: unknown; name?: unknown }): string | null {
  if (body.kind !== 'text' && body.kind !== 'note' && body.kind !== 'file') return null;
  const text = body.text ?? body.name;
  return typeof text === 'string' ? fold(text) : null;
}

/** SQLITE_SEARCH's parameters for a query: `@exact` (trimmed), `@folded`, `@inFields`, `@limit`. */
export function sqliteSearchParameters(query: string, limit: number) {
  const folded = foldedQuery(query);
  return { exact: query.trim(), folded, inFields: folded.includes(FIELDS_APART) ? null : folded, limit };
}

export const SQLITE_SEARCH = `WHERE c.id = @exact OR c.visitor_id = @exact
  OR instr(c.search_summary, @inFields) > 0
  OR instr(c.search_comment, @folded) > 0
  OR (c.rowid > (SELECT MAX(rowid) FROM conversations) - ${SEARCH_MESSAGES_IN} AND EXISTS (SELECT 1 FROM events e
    WHERE e.conversation_id = c.id AND instr(e.search_text, @folded) > 0))
  ORDER BY c.rowid DESC LIMIT @limit`;

const pgContains = (text: string) => `strpos(replace(lower(${text}), U&'\\0307', ''), $2) > 0`;
/** Parameters: `$1` the trimmed query, `$2` folded, `$3` the limit. */
export const PG_SEARCH = `WHERE c.id = $1 OR c.visitor_id = $1
  OR ${pgContains("c.summary #>> '{visitor,name}'")}
  OR ${pgContains("c.summary #>> '{visitor,email}'")}
  OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.summary -> 'questions') q WHERE ${pgContains('q')})
  OR ${pgContains('c.rating_comment')}
  OR (c.n > (SELECT max(n) FROM conversations) - ${SEARCH_MESSAGES_IN} AND EXISTS (SELECT 1 FROM events e
    WHERE e.conversation_id = c.id AND e.body ->> 'kind' IN ('text', 'note', 'file')
    AND ${pgContains("coalesce(e.body ->> 'text', e.body ->> 'name')")}))
  ORDER BY c.n DESC LIMIT $3`;

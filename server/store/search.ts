// What an agent's search for conversations (`search` on the agent socket) matches, in SQLite's
// and PostgreSQL's words side by side, so both stores mean the same: the conversation's id or
// visitor id exactly; or, in any case, part of the visitor's name or email, of a question they
// asked the bot, of the rating comment, of a chat message or an agents' note, or of the name of a
// file sent (kuitti.pdf).
import type Database from 'better-sqlite3';

/**
 * Chat messages and notes are searched in this many newest conversations only: one search must not read
 * every message ever stored (with SQLite, it would hold up every chat while it reads). Names,
 * emails, questions and comments are on the conversation's own row and are searched in all.
 */
export const SEARCH_MESSAGES_IN = 2_000;

/**
 * Lower case, as PostgreSQL's lower() has it, where JavaScript's differs: Turkish İ lowers to i
 * there but to i + U+0307 (combining dot above) here, so "ilkka" would not find "İlkka" on SQLite.
 * Both stores drop U+0307 after lowering (PostgreSQL in PG_SEARCH), so they fold alike.
 */
const fold = (text: string) => text.toLowerCase().replaceAll('\u0307', '');

/** The query as the stores compare it: lower case (also ä, ö and å, as PostgreSQL's lower()). */
export const foldedQuery = (query: string) => fold(query.trim());

/** SQLite's lower() folds ASCII only: the search folds with JavaScript's, as the query is. */
export function addSearchFunctions(db: Database.Database): void {
  db.function('kohtaamo_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? fold(text) : null));
}

const sqliteContains = (text: string) => `instr(kohtaamo_fold(${text}), @folded) > 0`;
/** Parameters: `@exact` (the trimmed query), `@folded`, `@limit`. */
export const SQLITE_SEARCH = `WHERE c.id = @exact OR c.visitor_id = @exact
  OR ${sqliteContains("json_extract(c.summary, '$.visitor.name')")}
  OR ${sqliteContains("json_extract(c.summary, '$.visitor.email')")}
  OR EXISTS (SELECT 1 FROM json_each(c.summary, '$.questions') q WHERE ${sqliteContains('q.value')})
  OR ${sqliteContains('c.rating_comment')}
  OR (c.rowid > (SELECT MAX(rowid) FROM conversations) - ${SEARCH_MESSAGES_IN} AND EXISTS (SELECT 1 FROM events e
    WHERE e.conversation_id = c.id AND json_extract(e.body, '$.kind') IN ('text', 'note', 'file')
    AND ${sqliteContains("coalesce(json_extract(e.body, '$.text'), json_extract(e.body, '$.name'))")}))
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

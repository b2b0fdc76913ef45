// The SQLite schema. Events are append-only; a conversation row caches what the agent's
// queue shows (summary, last seq, first and last text) so the queue never scans events.
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS visitors (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  -- The visitor's last hello (a page with the widget): retention keeps whoever came back since.
  -- NULL in rows older than the column: created_at stands in.
  last_seen_at INTEGER
);
CREATE TABLE IF NOT EXISTS conversations (
  id TEXT PRIMARY KEY,
  visitor_id TEXT NOT NULL REFERENCES visitors(id),
  handoff_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'active', 'closed')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0,
  agent_id TEXT,
  agent_name TEXT,
  last_text TEXT,
  -- The visitor's first text message: the card's title where they asked the bot nothing. NULL:
  -- none yet. Filled in an older database once (sqlite-first-text.ts).
  first_text TEXT,
  rating_score INTEGER,
  rating_comment TEXT,
  summary TEXT NOT NULL,
  -- When an agent last put it back in the queue (or it went back for their being away): it waits
  -- ahead of new arrivals, since then (protocol/queue.ts). NULL: never; it waits since created_at.
  released_at INTEGER,
  -- What an agent's search reads, folded when the row is written (search.ts): the summary's name,
  -- email and questions; the rating comment. NULL: nothing there to find.
  search_summary TEXT,
  search_comment TEXT,
  UNIQUE (visitor_id, handoff_id)
);
CREATE INDEX IF NOT EXISTS conversations_visitor ON conversations (visitor_id);
CREATE INDEX IF NOT EXISTS conversations_status ON conversations (status);
-- One customer's conversations from every device, where the site vouched for the email (identity.ts).
CREATE INDEX IF NOT EXISTS conversations_verified_email ON conversations (lower(json_extract(summary, '$.visitor.email')))
  WHERE json_extract(summary, '$.visitor.verified') = 1;
CREATE TABLE IF NOT EXISTS events (
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  seq INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  role TEXT NOT NULL,
  name TEXT,
  body TEXT NOT NULL,
  -- A message's or note's text, or a file's name, folded for the search (search.ts); NULL otherwise.
  search_text TEXT,
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
) WITHOUT ROWID;
-- Files visitors sent (server/files-http.ts), each shown by a \`file\` event of its conversation.
CREATE TABLE IF NOT EXISTS files (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  bytes BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS files_conversation ON files (conversation_id);
-- How often widgets showed each FAQ answer, and how often a visitor said it helped, per UTC day
-- (server/faq-stats.ts): counts only, nothing about who.
CREATE TABLE IF NOT EXISTS faq_stats (
  day TEXT NOT NULL,
  faq_id TEXT NOT NULL,
  shown INTEGER NOT NULL,
  helped INTEGER NOT NULL,
  PRIMARY KEY (day, faq_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS agent_sessions (
  token_hash TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  agent_name TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

/** Columns added after a table was first made: [table, column, type], added where missing. */
export const ADDED_COLUMNS: readonly [string, string, string][] = [
  ['visitors', 'last_seen_at', 'INTEGER'],
  ['conversations', 'released_at', 'INTEGER'],
];

export function hasColumn(db: { prepare(sql: string): { all(): unknown[] } }, table: string, column: string): boolean {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
}

// The PostgreSQL schema: the SQLite one (schema.ts) in PostgreSQL's words. `n` orders
// conversations as SQLite's rowid does; summaries and bodies are jsonb, so the verified-email
// index and the FAQ-gap report can look inside them. Times are milliseconds (BIGINT).
export const PG_SCHEMA = `
CREATE TABLE IF NOT EXISTS visitors (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS conversations (
  n BIGSERIAL UNIQUE,
  id TEXT PRIMARY KEY,
  visitor_id TEXT NOT NULL REFERENCES visitors(id),
  handoff_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'active', 'closed')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0,
  agent_id TEXT,
  agent_name TEXT,
  last_text TEXT,
  rating_score INTEGER,
  rating_comment TEXT,
  summary JSONB NOT NULL,
  UNIQUE (visitor_id, handoff_id)
);
CREATE INDEX IF NOT EXISTS conversations_visitor ON conversations (visitor_id, n);
CREATE INDEX IF NOT EXISTS conversations_open ON conversations (n) WHERE status <> 'closed';
CREATE INDEX IF NOT EXISTS conversations_verified_email ON conversations (lower(summary #>> '{visitor,email}'))
  WHERE (summary #>> '{visitor,verified}') = 'true';
CREATE TABLE IF NOT EXISTS events (
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  seq INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  role TEXT NOT NULL,
  name TEXT,
  body JSONB NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, client_id)
);
CREATE TABLE IF NOT EXISTS agent_sessions (
  token_hash TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  agent_name TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
`;

// The PostgreSQL schema: the SQLite one (schema.ts) in PostgreSQL's words. `n` orders
// conversations as SQLite's rowid does; summaries and bodies are jsonb, so the verified-email
// index and the FAQ-gap report can look inside them. Times are milliseconds (BIGINT).
import { QUIET_KINDS } from '../../protocol';

/** What agents write for each other, the server's records and read marks leave a conversation's `updated_at` as it was. */
const QUIET = QUIET_KINDS.map((kind) => `'${kind}'`).join(', ');

export const PG_SCHEMA = `
CREATE TABLE IF NOT EXISTS visitors (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  -- The visitor's last hello: retention keeps whoever came back since (NULL: created_at stands in).
  last_seen_at BIGINT
);
ALTER TABLE visitors ADD COLUMN IF NOT EXISTS last_seen_at BIGINT;
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
  -- The visitor's first text message: the card's title where they asked the bot nothing (NULL: none yet).
  first_text TEXT,
  rating_score INTEGER,
  rating_comment TEXT,
  summary JSONB NOT NULL,
  -- When an agent last put it back in the queue (or it went back for their being away): it waits
  -- ahead of new arrivals, since then (protocol/queue.ts). NULL: never; it waits since created_at.
  released_at BIGINT,
  UNIQUE (visitor_id, handoff_id)
);
ALTER TABLE conversations ADD COLUMN IF NOT EXISTS released_at BIGINT;
-- A database from before rows kept it (schema version 2): the column added and filled from the
-- stored events, once, so that older conversations are titled as newer ones.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'conversations'::regclass AND attname = 'first_text' AND NOT attisdropped) THEN
    ALTER TABLE conversations ADD COLUMN first_text TEXT;
    UPDATE conversations c SET first_text = (SELECT e.body ->> 'text' FROM events e
      WHERE e.conversation_id = c.id AND e.role = 'visitor' AND e.body ->> 'kind' = 'text' ORDER BY e.seq LIMIT 1);
  END IF;
END $$;
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
-- Agents when scaled out (server/agents-postgres.ts): one record each, as agents.json holds it.
CREATE TABLE IF NOT EXISTS agents (
  n BIGSERIAL UNIQUE,
  id TEXT PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  record JSONB NOT NULL
);
-- One row once the agents were first written: the demo agent, or the import of a site's
-- agents.json, happens only before (as agents.json's existence decides for the file).
CREATE TABLE IF NOT EXISTS agents_written (once BOOLEAN PRIMARY KEY DEFAULT true CHECK (once));
-- Which Kohtaamo this database is: its servers' Redis channels are named after it, so two
-- deployments sharing one Redis (staging and production, say) never hear each other.
CREATE TABLE IF NOT EXISTS deployment (id TEXT PRIMARY KEY);
INSERT INTO deployment (id) SELECT gen_random_uuid()::text WHERE NOT EXISTS (SELECT 1 FROM deployment);
-- Files visitors sent (server/files-http.ts), each shown by a \`file\` event of its conversation.
CREATE TABLE IF NOT EXISTS files (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations(id),
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  bytes BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS files_conversation ON files (conversation_id);
-- How often widgets showed each FAQ answer, and how often a visitor said it helped, per UTC day
-- (server/faq-stats.ts): counts only, nothing about who.
CREATE TABLE IF NOT EXISTS faq_stats (
  day TEXT NOT NULL,
  faq_id TEXT NOT NULL,
  shown BIGINT NOT NULL,
  helped BIGINT NOT NULL,
  PRIMARY KEY (day, faq_id)
);
CREATE TABLE IF NOT EXISTS agent_sessions (
  token_hash TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  agent_name TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
-- Each server process's last heartbeat when scaled out (server/server-liveness.ts), in the
-- database's clock: a server silent on Redis but still beating here lives, cut off from Redis
-- only, and its agents are not taken for away. Older releases never read it (no schema version).
CREATE TABLE IF NOT EXISTS server_beats (
  id TEXT PRIMARY KEY,
  seen_at BIGINT NOT NULL
);
`;

/**
 * The hot path in the database: a message is one round trip instead of five. The writer runs
 * one write at a time per process (pg-group-commit.ts), so round trips are what limit it.
 * PL/pgSQL rather than one statement with CTEs: each statement here sees what other processes
 * committed while this one waited for its lock; a single statement keeps the snapshot it began
 * with. Output columns are r_… so they never shadow a table's columns. Same meaning as
 * `appendOne` (sqlite-append.ts), `visitorMessage` and `append` (sqlite-writes.ts).
 * CREATE OR REPLACE, run at every start (postgres-connect.ts): an existing database gets a
 * changed function from the first server of the new version to start, so a change here must
 * keep the signature for servers not yet updated.
 */
export const PG_FUNCTIONS = `
CREATE OR REPLACE FUNCTION kohtaamo_append(p_conversation TEXT, p_client TEXT, p_at BIGINT, p_role TEXT, p_name TEXT, p_body JSONB)
RETURNS TABLE (r_seq INTEGER, r_client TEXT, r_at BIGINT, r_role TEXT, r_name TEXT, r_body TEXT, r_duplicate BOOLEAN)
LANGUAGE plpgsql AS $$
DECLARE s INTEGER;
BEGIN
  RETURN QUERY SELECT e.seq, e.client_id, e.at, e.role, e.name, e.body::text, true FROM events e
    WHERE e.conversation_id = p_conversation AND e.client_id = p_client;
  IF FOUND THEN RETURN; END IF;
  UPDATE conversations SET last_seq = last_seq + 1, updated_at = CASE WHEN p_body ->> 'kind' IN (${QUIET}) THEN updated_at ELSE p_at END,
    last_text = CASE p_body ->> 'kind' WHEN 'text' THEN p_body ->> 'text' WHEN 'file' THEN '📎 ' || (p_body ->> 'name') ELSE last_text END,
    first_text = CASE WHEN first_text IS NULL AND p_role = 'visitor' AND p_body ->> 'kind' = 'text' THEN p_body ->> 'text' ELSE first_text END
    WHERE id = p_conversation RETURNING last_seq INTO s;
  IF s IS NULL THEN RAISE EXCEPTION 'conversation % vanished during a write', p_conversation; END IF;
  INSERT INTO events (conversation_id, seq, client_id, at, role, name, body) VALUES (p_conversation, s, p_client, p_at, p_role, p_name, p_body);
  RETURN QUERY SELECT s, p_client, p_at, p_role, p_name, p_body::text, false;
END $$;

CREATE OR REPLACE FUNCTION kohtaamo_visitor_message(p_visitor TEXT, p_client TEXT, p_at BIGINT, p_role TEXT, p_name TEXT, p_body JSONB)
RETURNS TABLE (r_conversation TEXT, r_seq INTEGER, r_client TEXT, r_at BIGINT, r_role TEXT, r_name TEXT, r_body TEXT, r_duplicate BOOLEAN)
LANGUAGE plpgsql AS $$
DECLARE conversation TEXT;
BEGIN
  PERFORM 1 FROM visitors WHERE id = p_visitor FOR NO KEY UPDATE;
  -- A resend whose conversation has closed since is acked where it was stored.
  RETURN QUERY SELECT e.conversation_id, e.seq, e.client_id, e.at, e.role, e.name, e.body::text, true
    FROM conversations c JOIN events e ON e.conversation_id = c.id AND e.client_id = p_client WHERE c.visitor_id = p_visitor;
  IF FOUND THEN RETURN; END IF;
  -- Locked, as an agent's write locks it: an agent's close in progress on another process is
  -- waited for and seen, so the message never lands after "closed".
  SELECT c.id INTO conversation FROM conversations c WHERE c.visitor_id = p_visitor AND c.status <> 'closed' ORDER BY c.n DESC LIMIT 1
    FOR NO KEY UPDATE;
  IF conversation IS NULL THEN RETURN; END IF;
  RETURN QUERY SELECT conversation, a.* FROM kohtaamo_append(conversation, p_client, p_at, p_role, p_name, p_body) a;
END $$;

CREATE OR REPLACE FUNCTION kohtaamo_agent_message(p_conversation TEXT, p_agent TEXT, p_client TEXT, p_at BIGINT, p_role TEXT, p_name TEXT, p_body JSONB)
RETURNS TABLE (r_code TEXT, r_visitor TEXT, r_seq INTEGER, r_client TEXT, r_at BIGINT, r_role TEXT, r_name TEXT, r_body TEXT, r_duplicate BOOLEAN)
LANGUAGE plpgsql AS $$
DECLARE conv conversations%ROWTYPE;
BEGIN
  SELECT * INTO conv FROM conversations WHERE id = p_conversation FOR NO KEY UPDATE;
  IF NOT FOUND THEN RETURN QUERY SELECT 'not_found', NULL, NULL::INTEGER, NULL, NULL::BIGINT, NULL, NULL, NULL, NULL::BOOLEAN; RETURN; END IF;
  RETURN QUERY SELECT NULL, conv.visitor_id, e.seq, e.client_id, e.at, e.role, e.name, e.body::text, true FROM events e
    WHERE e.conversation_id = p_conversation AND e.client_id = p_client;
  IF FOUND THEN RETURN; END IF;
  IF conv.status = 'closed' THEN RETURN QUERY SELECT 'conversation_closed', conv.visitor_id, NULL::INTEGER, NULL, NULL::BIGINT, NULL, NULL, NULL, NULL::BOOLEAN; RETURN; END IF;
  IF conv.agent_id IS DISTINCT FROM p_agent THEN RETURN QUERY SELECT 'not_assigned', conv.visitor_id, NULL::INTEGER, NULL, NULL::BIGINT, NULL, NULL, NULL, NULL::BOOLEAN; RETURN; END IF;
  RETURN QUERY SELECT NULL, conv.visitor_id, a.* FROM kohtaamo_append(p_conversation, p_client, p_at, p_role, p_name, p_body) a;
END $$;
`;

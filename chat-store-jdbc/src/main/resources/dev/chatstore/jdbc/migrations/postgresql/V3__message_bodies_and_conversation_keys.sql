-- chat-store schema, version 3: message model v2 (parts, attributes, names, several tool results)
-- and conversation keys. Every statement is idempotent (IF NOT EXISTS), so a migration interrupted
-- half-way can run again. Adding a nullable column without a default only changes the catalog (no
-- table rewrite), so upgrading a large database is quick; rows written before this version are not
-- touched and read back exactly as before.

-- What a message holds beside its content: the MessageBody JSON (parts, attributes, name), canonical.
-- NULL for a plain-text message with no attributes and no name, which is most messages: those rows
-- are exactly what version 2 wrote. text, not jsonb: the body is written and read whole by the store
-- and never queried inside (search and previews read content), and it holds what must come back
-- exactly (provider signatures, host attributes, text with NUL). jsonb refuses \u0000 inside a string,
-- so it would need PgText's escape applied to every string of the tree on each write and undone on
-- each read (a tree walk, as the metadata and tool columns pay when they hold such text), and it would
-- parse megabytes of inline media on the server; as text the canonical JSON is kept as it is, where
-- NUL is the six characters \u0000, and only the cheap scan every text column gets applies (PgText,
-- for the escape code's own private-use characters). Cast it to jsonb to query it ad hoc.
-- tool_result stays jsonb and unchanged in kind: one result is the object version 2 wrote, several
-- are an array of such objects (a text output is a JSON string in it, NUL escaped by PgText).
ALTER TABLE chatstore_messages ADD COLUMN IF NOT EXISTS body text;

-- The host's own name for a conversation, unique per owner; NULL for a session without one. Keys
-- compare byte by byte (COLLATE "C", as ids and owners do): "Support" and "support" are two keys
-- whatever the database locale, and the escaped form PostgreSQL holds compares as the original.
ALTER TABLE chatstore_sessions ADD COLUMN IF NOT EXISTS conversation_key text COLLATE "C";

-- Finding a session by key, and what refuses a second session with an owner's key, race-free. Partial:
-- only the sessions that have a key are in it.
CREATE UNIQUE INDEX IF NOT EXISTS chatstore_sessions_owner_key
  ON chatstore_sessions (owner_id, conversation_key) WHERE conversation_key IS NOT NULL;

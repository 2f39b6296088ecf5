-- chat-store schema, version 3: message model v2 (parts, attributes, names, several tool results)
-- and conversation keys. Every statement is idempotent (IF NOT EXISTS): H2 commits each DDL statement
-- on its own, so a migration interrupted half-way must be able to run again. Rows written before this
-- version are not touched: they read back exactly as before.

-- What a message holds beside its content: the MessageBody JSON (parts, attributes, name), canonical.
-- NULL for a plain-text message with no attributes and no name, which is most messages: those rows
-- are exactly what version 2 wrote, and reading them parses nothing more. tool_result is unchanged
-- in kind: one result is the object version 2 wrote, several are an array of such objects.
ALTER TABLE chatstore_messages ADD COLUMN IF NOT EXISTS body CHARACTER VARYING;

-- The host's own name for a conversation, unique per owner; NULL for a session without one (H2's
-- unique indexes let any number of NULLs through). H2 compares strings exactly, case and all.
ALTER TABLE chatstore_sessions ADD COLUMN IF NOT EXISTS conversation_key CHARACTER VARYING;

-- finding a session by key, and what refuses a second session with an owner's key, race-free
CREATE UNIQUE INDEX IF NOT EXISTS chatstore_sessions_owner_key
  ON chatstore_sessions (owner_id, conversation_key);

-- chat-store schema, version 1: sessions and their messages.
-- Every statement is idempotent (IF NOT EXISTS), so a migration interrupted half-way can run again.
-- Ids compare byte by byte (COLLATE "C"): the order of time-ordered ids, whatever the database locale.

CREATE TABLE IF NOT EXISTS chatstore_sessions (
  id                  varchar(128) COLLATE "C" NOT NULL,
  owner_id            text COLLATE "C" NOT NULL,
  project_id          text COLLATE "C",
  title               text NOT NULL,
  metadata            jsonb NOT NULL,
  state               jsonb NOT NULL,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  version             bigint NOT NULL,
  deleted_at          timestamptz,
  forked_from_session varchar(128) COLLATE "C",
  forked_from_message varchar(128) COLLATE "C",
  -- kept here so that appending never counts rows and listing never reads messages
  message_count       bigint NOT NULL DEFAULT 0,
  next_seq            bigint NOT NULL DEFAULT 1,
  preview             text NOT NULL DEFAULT '',
  CONSTRAINT chatstore_sessions_pk PRIMARY KEY (id)
);

-- listing an owner's sessions by last update, and the keyset cursor's tie-break on id
CREATE INDEX IF NOT EXISTS chatstore_sessions_owner_updated
  ON chatstore_sessions (owner_id, updated_at, id);

-- Every row carries its session id and is keyed by it first, so a sharded PostgreSQL (Citus) can
-- distribute both tables by session id and keep a conversation on one node.
CREATE TABLE IF NOT EXISTS chatstore_messages (
  session_id  varchar(128) COLLATE "C" NOT NULL,
  seq         bigint NOT NULL,
  id          varchar(128) COLLATE "C" NOT NULL,
  role        varchar(16) NOT NULL,
  status      varchar(16) NOT NULL,
  content     text NOT NULL,
  tool_calls  jsonb NOT NULL,
  tool_result jsonb,
  metadata    jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  CONSTRAINT chatstore_messages_pk PRIMARY KEY (session_id, seq),
  CONSTRAINT chatstore_messages_id UNIQUE (session_id, id),
  CONSTRAINT chatstore_messages_session FOREIGN KEY (session_id)
    REFERENCES chatstore_sessions (id) ON DELETE CASCADE
);

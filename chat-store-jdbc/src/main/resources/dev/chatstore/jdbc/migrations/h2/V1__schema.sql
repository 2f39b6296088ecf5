-- chat-store schema, version 1: sessions and their messages.
-- Every statement is idempotent (IF NOT EXISTS): H2 commits each DDL statement on its own, so a
-- migration interrupted half-way must be able to run again. JSON is kept as text (canonical JSON).

CREATE TABLE IF NOT EXISTS chatstore_sessions (
  id                  CHARACTER VARYING(128) NOT NULL,
  owner_id            CHARACTER VARYING NOT NULL,
  project_id          CHARACTER VARYING,
  title               CHARACTER VARYING NOT NULL,
  metadata            CHARACTER VARYING NOT NULL,
  state               CHARACTER VARYING NOT NULL,
  created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  version             BIGINT NOT NULL,
  deleted_at          TIMESTAMP(6) WITH TIME ZONE,
  forked_from_session CHARACTER VARYING(128),
  forked_from_message CHARACTER VARYING(128),
  -- kept here so that appending never counts rows and listing never reads messages
  message_count       BIGINT DEFAULT 0 NOT NULL,
  next_seq            BIGINT DEFAULT 1 NOT NULL,
  preview             CHARACTER VARYING DEFAULT '' NOT NULL,
  CONSTRAINT chatstore_sessions_pk PRIMARY KEY (id)
);

-- listing an owner's sessions by last update, and the keyset cursor's tie-break on id
CREATE INDEX IF NOT EXISTS chatstore_sessions_owner_updated
  ON chatstore_sessions (owner_id, updated_at, id);

CREATE TABLE IF NOT EXISTS chatstore_messages (
  session_id  CHARACTER VARYING(128) NOT NULL,
  seq         BIGINT NOT NULL,
  id          CHARACTER VARYING(128) NOT NULL,
  role        CHARACTER VARYING(16) NOT NULL,
  status      CHARACTER VARYING(16) NOT NULL,
  content     CHARACTER VARYING NOT NULL,
  tool_calls  CHARACTER VARYING NOT NULL,
  tool_result CHARACTER VARYING,
  metadata    CHARACTER VARYING NOT NULL,
  created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT chatstore_messages_pk PRIMARY KEY (session_id, seq),
  CONSTRAINT chatstore_messages_id UNIQUE (session_id, id),
  CONSTRAINT chatstore_messages_session FOREIGN KEY (session_id)
    REFERENCES chatstore_sessions (id) ON DELETE CASCADE
);

-- chat-store schema, version 5: edits with history. Idempotent (IF NOT EXISTS), so a migration
-- interrupted half-way can run again.

-- Which revision of its parts a message's row holds: 1 as appended or streamed, one more per edit.
-- Every row written before this version is a message never revised, which is what the default says. A
-- column with a constant default only changes the catalog (PostgreSQL 11 and later): no table rewrite.
ALTER TABLE chatstore_messages ADD COLUMN IF NOT EXISTS revision integer NOT NULL DEFAULT 1;

-- Every revision of a revised message's parts, stored as the message row stores them: content (the
-- text parts joined) and body (spi's MessageBody JSON holding only parts, text for the reasons the
-- message body is, see version 3; NULL when the parts are their text as one part), text values through
-- PgText's escape. Nothing for a message never revised; its first edit writes revision 1 (the message
-- as it was, at its creation) and revision 2, each later edit one row: an edit costs the same however
-- long the conversation or the history. Keyed by the session id first (Citus: colocated with the
-- sessions), and removed with the message (so with the session, when it is purged).
CREATE TABLE IF NOT EXISTS chatstore_message_revisions (
  session_id  varchar(128) COLLATE "C" NOT NULL,
  message_id  varchar(128) COLLATE "C" NOT NULL,
  revision_no integer NOT NULL,
  content     text NOT NULL,
  body        text,
  author      text,
  revised_at  timestamptz NOT NULL,
  CONSTRAINT chatstore_message_revisions_pk PRIMARY KEY (session_id, message_id, revision_no),
  CONSTRAINT chatstore_message_revisions_message FOREIGN KEY (session_id, message_id)
    REFERENCES chatstore_messages (session_id, id) ON DELETE CASCADE
);

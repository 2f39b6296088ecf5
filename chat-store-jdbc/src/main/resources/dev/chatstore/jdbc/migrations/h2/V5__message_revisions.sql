-- chat-store schema, version 5: edits with history. Idempotent (IF NOT EXISTS), as every H2 script
-- is: H2 commits each DDL statement on its own, so a migration cut short must run again.

-- Which revision of its parts a message's row holds: 1 as appended or streamed, one more per edit.
-- Every row written before this version is a message never revised, which is what the default says.
ALTER TABLE chatstore_messages ADD COLUMN IF NOT EXISTS revision INTEGER DEFAULT 1 NOT NULL;

-- Every revision of a revised message's parts, stored as the message row stores them: content (the
-- text parts joined) and body (spi's MessageBody JSON holding only parts; NULL when the parts are their
-- text as one part). Nothing for a message never revised; its first edit writes revision 1 (the
-- message as it was, at its creation) and revision 2, each later edit one row: an edit costs the same
-- however long the conversation or the history. Keyed by the session id first, as every table is, and
-- removed with the message (so with the session, when it is purged).
CREATE TABLE IF NOT EXISTS chatstore_message_revisions (
  session_id  CHARACTER VARYING(128) NOT NULL,
  message_id  CHARACTER VARYING(128) NOT NULL,
  revision_no INTEGER NOT NULL,
  content     CHARACTER VARYING NOT NULL,
  body        CHARACTER VARYING,
  author      CHARACTER VARYING,
  revised_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT chatstore_message_revisions_pk PRIMARY KEY (session_id, message_id, revision_no),
  CONSTRAINT chatstore_message_revisions_message FOREIGN KEY (session_id, message_id)
    REFERENCES chatstore_messages (session_id, id) ON DELETE CASCADE
);

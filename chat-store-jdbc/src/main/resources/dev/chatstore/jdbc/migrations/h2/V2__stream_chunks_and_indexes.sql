-- chat-store schema, version 2: streamed text, and the indexes behind project lists and recovery.

-- A flush of a streamed reply inserts one row here instead of rewriting the message's whole
-- content; the chunks are folded into the content once, when the stream ends. tool_call_count
-- records how many of the message's tool calls the flush wrote, so a retried flush is recognised.
CREATE TABLE IF NOT EXISTS chatstore_stream_chunks (
  session_id      CHARACTER VARYING(128) NOT NULL,
  message_id      CHARACTER VARYING(128) NOT NULL,
  chunk_no        INTEGER NOT NULL,
  chunk_text      CHARACTER VARYING NOT NULL,
  tool_call_count INTEGER NOT NULL,
  CONSTRAINT chatstore_stream_chunks_pk PRIMARY KEY (session_id, message_id, chunk_no),
  CONSTRAINT chatstore_stream_chunks_message FOREIGN KEY (session_id, message_id)
    REFERENCES chatstore_messages (session_id, id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS chatstore_sessions_project
  ON chatstore_sessions (project_id, updated_at, id);

-- what recovery looks for on open (H2 has no partial indexes: the status leads)
CREATE INDEX IF NOT EXISTS chatstore_messages_unfinished
  ON chatstore_messages (status, updated_at);

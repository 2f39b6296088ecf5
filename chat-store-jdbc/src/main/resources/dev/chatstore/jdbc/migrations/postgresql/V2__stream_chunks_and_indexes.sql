-- chat-store schema, version 2: streamed text, and the indexes behind project lists and recovery.

-- A flush of a streamed reply inserts one row here instead of rewriting the message's whole
-- content (which PostgreSQL would copy in full, TOAST and all, on every flush); the chunks are folded
-- into the content once, when the stream ends. tool_call_count records how many of the message's
-- tool calls the flush wrote, so a flush retried after an unacknowledged commit is recognised.
CREATE TABLE IF NOT EXISTS chatstore_stream_chunks (
  session_id      varchar(128) COLLATE "C" NOT NULL,
  message_id      varchar(128) COLLATE "C" NOT NULL,
  chunk_no        integer NOT NULL,
  chunk_text      text NOT NULL,
  tool_call_count integer NOT NULL,
  CONSTRAINT chatstore_stream_chunks_pk PRIMARY KEY (session_id, message_id, chunk_no),
  CONSTRAINT chatstore_stream_chunks_message FOREIGN KEY (session_id, message_id)
    REFERENCES chatstore_messages (session_id, id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS chatstore_sessions_project
  ON chatstore_sessions (project_id, updated_at, id);

-- only unfinished messages: what recovery looks for on open, a handful among millions
CREATE INDEX IF NOT EXISTS chatstore_messages_unfinished
  ON chatstore_messages (updated_at) WHERE status IN ('PENDING', 'STREAMING');

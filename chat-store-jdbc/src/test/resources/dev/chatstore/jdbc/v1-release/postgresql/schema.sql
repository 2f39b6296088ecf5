-- chat-store schema version 2, PostgreSQL 17.2, dumped by dev.chatstore.jdbc.PostgresDump (see README.md)
CREATE TABLE chatstore_messages (
  session_id character varying(128) COLLATE "C" NOT NULL,
  seq bigint NOT NULL,
  id character varying(128) COLLATE "C" NOT NULL,
  role character varying(16) NOT NULL,
  status character varying(16) NOT NULL,
  content text NOT NULL,
  tool_calls jsonb NOT NULL,
  tool_result jsonb,
  metadata jsonb NOT NULL,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL
);

CREATE TABLE chatstore_schema_version (
  version integer NOT NULL,
  description character varying(200) NOT NULL,
  installed_at timestamp(6) with time zone NOT NULL
);

CREATE TABLE chatstore_sessions (
  id character varying(128) COLLATE "C" NOT NULL,
  owner_id text COLLATE "C" NOT NULL,
  project_id text COLLATE "C",
  title text NOT NULL,
  metadata jsonb NOT NULL,
  state jsonb NOT NULL,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  version bigint NOT NULL,
  deleted_at timestamp with time zone,
  forked_from_session character varying(128) COLLATE "C",
  forked_from_message character varying(128) COLLATE "C",
  message_count bigint NOT NULL DEFAULT 0,
  next_seq bigint NOT NULL DEFAULT 1,
  preview text NOT NULL DEFAULT ''::text
);

CREATE TABLE chatstore_stream_chunks (
  session_id character varying(128) COLLATE "C" NOT NULL,
  message_id character varying(128) COLLATE "C" NOT NULL,
  chunk_no integer NOT NULL,
  chunk_text text NOT NULL,
  tool_call_count integer NOT NULL
);

ALTER TABLE chatstore_messages ADD CONSTRAINT chatstore_messages_pk PRIMARY KEY (session_id, seq);
ALTER TABLE chatstore_messages ADD CONSTRAINT chatstore_messages_id UNIQUE (session_id, id);
ALTER TABLE chatstore_schema_version ADD CONSTRAINT chatstore_schema_version_pkey PRIMARY KEY (version);
ALTER TABLE chatstore_sessions ADD CONSTRAINT chatstore_sessions_pk PRIMARY KEY (id);
ALTER TABLE chatstore_stream_chunks ADD CONSTRAINT chatstore_stream_chunks_pk PRIMARY KEY (session_id, message_id, chunk_no);
ALTER TABLE chatstore_messages ADD CONSTRAINT chatstore_messages_session FOREIGN KEY (session_id) REFERENCES chatstore_sessions(id) ON DELETE CASCADE;
ALTER TABLE chatstore_stream_chunks ADD CONSTRAINT chatstore_stream_chunks_message FOREIGN KEY (session_id, message_id) REFERENCES chatstore_messages(session_id, id) ON DELETE CASCADE;
CREATE INDEX chatstore_messages_unfinished ON public.chatstore_messages USING btree (updated_at) WHERE ((status)::text = ANY ((ARRAY['PENDING'::character varying, 'STREAMING'::character varying])::text[]));
CREATE INDEX chatstore_sessions_owner_updated ON public.chatstore_sessions USING btree (owner_id, updated_at, id);
CREATE INDEX chatstore_sessions_project ON public.chatstore_sessions USING btree (project_id, updated_at, id);

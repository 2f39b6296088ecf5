-- chat-store schema, version 4: streams with two channels. Idempotent (IF NOT EXISTS), as every H2
-- script is: H2 commits each DDL statement on its own, so a migration cut short must run again.

-- What a flush wrote beyond its text and tool calls: spi's StreamDelta extras JSON (reasoning,
-- signature, attachments), compact. NULL for a chunk of text and tool calls only, which is every
-- chunk version 3 wrote: those rows are read as before. The end folds the extras into the message's
-- body, as the one StreamDelta.parts() rule lays them out.
ALTER TABLE chatstore_stream_chunks ADD COLUMN IF NOT EXISTS extras CHARACTER VARYING;

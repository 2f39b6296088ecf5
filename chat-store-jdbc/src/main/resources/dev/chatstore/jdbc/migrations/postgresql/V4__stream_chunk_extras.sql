-- chat-store schema, version 4: streams with two channels. Idempotent (IF NOT EXISTS), so a
-- migration interrupted half-way can run again. A nullable column without a default only changes
-- the catalog: no table rewrite, and the chunks of streams open during the upgrade are kept.

-- What a flush wrote beyond its text and tool calls: spi's StreamDelta extras JSON (reasoning,
-- signature, attachments), compact. NULL for a chunk of text and tool calls only, which is every
-- chunk version 3 wrote: those rows are read as before. The end folds the extras into the message's
-- body, as the one StreamDelta.parts() rule lays them out. text, not jsonb, for the reasons the body
-- is text (see version 3): it is written and read whole, and must come back exactly, NUL included
-- (the JSON escape sequence \u0000 in it; PgText's escape covers its private-use characters).
ALTER TABLE chatstore_stream_chunks ADD COLUMN IF NOT EXISTS extras text;

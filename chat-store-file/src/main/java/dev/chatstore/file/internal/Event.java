package dev.chatstore.file.internal;

import dev.chatstore.ForkOrigin;
import dev.chatstore.MessageStatus;
import dev.chatstore.Part;
import dev.chatstore.spi.StreamDelta;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One line of a session file after its header: the vocabulary of format versions 1 to 3 (see the module
 * README; version 3 seals the same events' values and adds none). Metadata, state and tool JSON are held
 * as canonical JSON text.
 */
sealed interface Event {

  /** When the event happened; what {@code updatedAt} moves to. */
  Instant at();

  /** The session came into being (always the first event), with its conversation key if it has one. */
  record SessionCreated(Instant at, String id, String owner, Optional<String> project, String title,
      String metadataJson, String stateJson, Optional<ForkOrigin> forkedFrom, Optional<String> key)
      implements Event {}

  /** Title, metadata or state replaced; {@code version} is the session's new version. */
  record SessionUpdated(Instant at, long version, Optional<String> title, Optional<String> metadataJson,
      Optional<String> stateJson) implements Event {}

  /** Soft-deleted ({@code deleted}) or restored; {@code version} is the new version. */
  record SessionDeleted(Instant at, long version, boolean deleted) implements Event {}

  /**
   * A whole message appended at {@code at} (its own times may be older: an import, a fork's copy).
   * {@code batch} is the size of the {@code appendAll} it opens (its next {@code batch - 1} lines
   * are the rest of it), or 0 for a line that opens no batch.
   */
  record MessageAppended(Instant at, LineMessage message, int batch) implements Event {}

  /** A stream opened: the message PENDING with empty content. */
  record StreamBegun(LineMessage message) implements Event {
    @Override
    public Instant at() {
      return message.updatedAt();
    }
  }

  /**
   * A flush of a running stream: what it adds on each channel (text, reasoning, signature, tool calls,
   * attachments), never a copy of earlier ones.
   */
  record StreamFlushed(Instant at, String id, StreamDelta delta) implements Event {}

  /** The stream's end: its last delta, the final status and the final metadata. */
  record StreamFinished(Instant at, String id, StreamDelta delta, MessageStatus status, String metadataJson)
      implements Event {}

  /** A stored message given a final status and/or new metadata (updateMessage, recovery). */
  record MessageUpdated(Instant at, String id, Optional<MessageStatus> status, Optional<String> metadataJson)
      implements Event {}

  /**
   * A COMPLETE message's parts replaced (updateMessage with parts): its revision {@code revision},
   * made at {@code revisedAt} (an import's time, or {@code at}) by {@code author} if given, replacing
   * the metadata too if {@code metadataJson} is present. Revision 1 is never such a line: it is what
   * the message's own lines hold, so the file keeps every revision without copying any.
   */
  record MessageRevised(Instant at, String id, int revision, Instant revisedAt, Optional<String> author,
      List<Part> parts, Optional<String> metadataJson) implements Event {
    public MessageRevised {
      parts = List.copyOf(parts);
    }
  }

  /**
   * A line of an event this version does not know, written by a newer one: read past and left in the
   * file as it is. A newer version writes such events only where skipping them misreads nothing else;
   * what an older reader must understand comes with a higher header version, which it refuses.
   * {@code line} is the line as it stands, which a key rotation's rewrite of the file copies unchanged;
   * {@code keyId} the key of its {@code "sealed"} field, if it has one, which this version cannot seal
   * anew (it does not know what the values are bound to), so the file keeps needing that key.
   */
  record Unknown(Instant at, String name, String line, Optional<String> keyId) implements Event {}
}

package dev.chatstore.file.internal;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageRevision;
import dev.chatstore.spi.FieldCipher;
import dev.chatstore.spi.InputRules;
import dev.chatstore.spi.Json;
import dev.chatstore.spi.Times;
import dev.chatstore.spi.StreamEngine;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What the parts of one open file store share: its folder, rules, clock, cipher, sessions, writer and
 * stream engine, and the conversions between what files hold and the API's records. Thread-safe.
 */
final class FileContext {
  final StoreFolder folder;
  final InputRules rules;
  final Clock clock;
  final Syncer syncer;
  final Sessions sessions;
  final SessionWriter writer;
  final FileStreamSink sink;
  final StreamEngine engine;
  /** Seals what the store writes and opens what it reads: the identity unless the store encrypts. */
  final FieldCipher cipher;
  private final MetadataCache<ChatMetadata> chatMetadata;
  private final MetadataCache<MessageMetadata> messageMetadata;

  FileContext(StoreFolder folder, InputRules rules, Clock clock, Syncer syncer, int maxLoaded, Gate gate,
      FieldCipher cipher) {
    this.folder = folder;
    this.rules = rules;
    this.clock = clock;
    this.syncer = syncer;
    this.cipher = cipher;
    this.sessions = new Sessions(folder, syncer, maxLoaded, cipher);
    this.writer = new SessionWriter(sessions, syncer, cipher);
    this.chatMetadata = new MetadataCache<>(rules.chatCodec()::decode);
    this.messageMetadata = new MetadataCache<>(rules.messageCodec()::decode);
    this.sink = new FileStreamSink(this, gate);
    this.engine = new StreamEngine(sink, rules); // last: the sink reads this context
  }

  Instant now() {
    return Times.now(clock);
  }

  /** Validated, canonical JSON of chat metadata, ready for a line. */
  String encode(ChatMetadata metadata) {
    return oneLine(rules.encode(metadata));
  }

  /** Validated, canonical JSON of message metadata, ready for a line. */
  String encode(MessageMetadata metadata) {
    return oneLine(rules.encode(metadata));
  }

  /** The codecs write canonical JSON already; this only guards the one-line-per-event rule. */
  static String oneLine(String json) {
    return json.indexOf('\n') < 0 && json.indexOf('\r') < 0 ? json : Json.canonical(json, "metadata");
  }

  /** Decodes stored message metadata; {@link InvalidInputException} if it does not fit the codec. */
  MessageMetadata decodeMessageMetadata(String json) {
    return messageMetadata.decode(json);
  }

  ChatSession toSession(SessionHandle handle, LoadedSession s) {
    ChatMetadata metadata;
    try {
      metadata = chatMetadata.decode(s.metadataJson);
    } catch (InvalidInputException e) {
      throw new CorruptDataException(handle.file().toString(),
          "the session's metadata does not decode: " + e.getMessage(), e);
    }
    return new ChatSession(s.id, s.owner, s.project, s.title, metadata, s.stateJson, s.createdAt, s.updatedAt,
        s.messageCount(), s.version, s.deletedAt, s.forkedFrom, s.key);
  }

  List<Message> read(SessionHandle handle, LoadedSession s, List<MessageSlot> slots) throws IOException {
    if (slots.isEmpty()) {
      return List.of();
    }
    return MessageReader.read(s, handle.file(), sessions.channel(handle, s), slots, this::decodeMessageMetadata,
        cipher);
  }

  Message read(SessionHandle handle, LoadedSession s, MessageSlot slot) throws IOException {
    return read(handle, s, List.of(slot)).get(0);
  }

  List<MessageRevision> revisions(SessionHandle handle, LoadedSession s, MessageSlot slot) throws IOException {
    return MessageReader.revisions(s, handle.file(), sessions.channel(handle, s), slot, this::decodeMessageMetadata,
        cipher);
  }

  static void requireNotDeleted(LoadedSession s) {
    if (s.deletedAt.isPresent()) {
      throw new ConflictException(ConflictException.Reason.SESSION_DELETED,
          "session " + s.id + " is deleted; restore it first");
    }
  }
}

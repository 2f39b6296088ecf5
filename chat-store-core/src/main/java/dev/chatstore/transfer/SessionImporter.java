package dev.chatstore.transfer;

import dev.chatstore.ChatSession;
import dev.chatstore.ChatStoreException;
import dev.chatstore.ConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import dev.chatstore.StoreLimits;
import dev.chatstore.UnavailableException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.InputRules;
import dev.chatstore.internal.SessionPurge;
import dev.chatstore.internal.transfer.ExportReader;
import dev.chatstore.internal.transfer.ImportNodes;
import dev.chatstore.internal.transfer.ImportedChat;
import dev.chatstore.metadata.ChatMetadataCodec;
import dev.chatstore.metadata.MessageMetadataCodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a JSON or JSONL export (docs/EXPORT-FORMAT.md; which of the two is detected) into a store:
 * the same content, order, statuses, tool calls and results, metadata, state and message times, with
 * the exported ids or fresh ones ({@link ImportOptions}).
 *
 * <p>All or nothing: if any message is refused, the session made so far is purged and the error
 * thrown. An id that exists already gives {@link ConflictException} ({@code ALREADY_EXISTS}) unless
 * the options say to replace it; then the whole input is read and checked first, and the existing
 * session is purged only if it passed. Messages are appended a batch at a time, so an export of any
 * length imports in constant memory.
 *
 * <p>Thread-safe. Throws {@link InvalidInputException} for a malformed export (naming the field path
 * and line), the store's exceptions, and {@link UnavailableException} when the input cannot be read.
 */
public final class SessionImporter {
  /** Messages appended per batch by default. */
  public static final int DEFAULT_BATCH_SIZE = 200;

  private final SessionStore store;
  private final int batchSize;
  private final ImportNodes nodes;
  private final InputRules rules;

  private SessionImporter(Builder b) {
    this.store = b.store;
    this.batchSize = b.batchSize;
    this.nodes = new ImportNodes(b.chatCodec, b.messageCodec);
    this.rules = new InputRules(b.limits);
  }

  public static SessionImporter of(SessionStore store) {
    return builder(store).build();
  }

  public static Builder builder(SessionStore store) {
    return new Builder(Checks.notNull(store, "store"));
  }

  public ImportResult importSession(ImportSource source, ImportOptions options) {
    Checks.notNull(source, "source");
    Checks.notNull(options, "options");
    boolean replaced = false;
    ExportReader reader = open(source, options);
    try {
      ImportedChat chat = reader.header();
      NewSession session = newSession(chat, options);
      if (session.id().isPresent() && store.findSession(session.id().get()).isPresent()) {
        if (!options.replaceExisting()) {
          throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS, "session " + session.id().get()
              + " already exists: import it with fresh ids, or replace it");
        }
        checkAll(reader); // nothing is purged for an input that would not import
        reader.close();
        reader = open(source, options);
        reader.header();
        store.purgeSession(session.id().get());
        replaced = true;
      }
      ChatSession created = store.createSession(session);
      long count = write(created, reader, chat.deleted());
      return new ImportResult(store.getSession(created.id()), count, replaced);
    } finally {
      reader.close();
    }
  }

  private long write(ChatSession created, ExportReader reader, boolean deleted) {
    try {
      List<NewMessage> batch = new ArrayList<>(batchSize);
      Optional<NewMessage> next;
      while ((next = reader.next()).isPresent()) {
        batch.add(next.get());
        if (batch.size() == batchSize) {
          store.appendAll(created.id(), batch);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        store.appendAll(created.id(), batch);
      }
      if (deleted) {
        store.deleteSession(created.id());
      }
      return reader.messagesRead();
    } catch (ChatStoreException e) { // all or nothing: take back the part already written
      throw SessionPurge.after(e, store, created.id());
    }
  }

  private void checkAll(ExportReader reader) {
    Optional<NewMessage> next;
    long i = 0;
    while ((next = reader.next()).isPresent()) {
      NewMessage m = next.get();
      Checks.under("messages[" + i++ + "]", () -> rules.check(m));
    }
  }

  private NewSession newSession(ImportedChat chat, ImportOptions options) {
    String owner = options.ownerId().or(chat::ownerId).orElseThrow(() ->
        new InvalidInputException("chat.ownerId", "is required, unless the import names an owner"));
    NewSession.Builder b = NewSession.forOwner(owner).title(chat.title()).metadata(chat.metadata())
        .state(chat.stateJson());
    chat.projectId().ifPresent(b::project);
    if (!options.freshIds()) {
      b.id(chat.id().orElseThrow(() ->
          new InvalidInputException("chat.id", "is required, unless the import makes fresh ids")));
    }
    NewSession session = b.build();
    rules.check(session);
    return session;
  }

  private ExportReader open(ImportSource source, ImportOptions options) {
    InputStream in;
    try {
      in = source.open();
    } catch (IOException e) {
      throw new UnavailableException("could not open " + source.name() + ": " + e.getMessage(), e);
    }
    return new ExportReader(in, source.name(), nodes, options.freshIds());
  }

  /** Configures a {@link SessionImporter}; each setter validates its argument at once. */
  public static final class Builder {
    private final SessionStore store;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private ChatMetadataCodec chatCodec = ChatMetadataCodec.standard();
    private MessageMetadataCodec messageCodec = MessageMetadataCodec.standard();
    private StoreLimits limits = StoreLimits.defaults();

    private Builder(SessionStore store) {
      this.store = store;
    }

    /** Messages per {@code appendAll}; at most the store's {@code maxBatchSize}. */
    public Builder batchSize(int size) {
      this.batchSize = Checks.positive(size, "batchSize");
      return this;
    }

    /** The codecs metadata is read with: use the store's when it has larger limits than the defaults. */
    public Builder codecs(ChatMetadataCodec chat, MessageMetadataCodec message) {
      this.chatCodec = Checks.notNull(chat, "chatCodec");
      this.messageCodec = Checks.notNull(message, "messageCodec");
      return this;
    }

    /** The store's limits, which a replacing import checks the input against before purging anything. */
    public Builder limits(StoreLimits limits) {
      this.limits = Checks.notNull(limits, "limits");
      return this;
    }

    public SessionImporter build() {
      return new SessionImporter(this);
    }
  }
}

package dev.chatstore.transfer;

import dev.chatstore.ChatSession;
import dev.chatstore.ChatStoreException;
import dev.chatstore.ConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MessageRevision;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import dev.chatstore.StoreLimits;
import dev.chatstore.UnavailableException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.InputRules;
import dev.chatstore.internal.SessionPurge;
import dev.chatstore.internal.transfer.BatchErrors;
import dev.chatstore.internal.transfer.ExportReader;
import dev.chatstore.internal.transfer.ImportNodes;
import dev.chatstore.internal.transfer.ImportedChat;
import dev.chatstore.internal.transfer.ImportedMessage;
import dev.chatstore.metadata.ChatMetadataCodec;
import dev.chatstore.metadata.MessageMetadataCodec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a JSON or JSONL export (docs/EXPORT-FORMAT.md, version 2 or 1; which of JSON and JSONL is
 * detected) into a store: the same parts, order, statuses, tool calls and results, attributes, names,
 * metadata, state, conversation key and message times, with the exported ids or fresh ones
 * ({@link ImportOptions}). Messages go through the store's own append, so its limits apply exactly
 * as they do to any append.
 *
 * <p>All or nothing: if any message is refused, the session made so far is purged and the error
 * thrown. An id that exists already gives {@link ConflictException} ({@code ALREADY_EXISTS}) unless
 * the options say to replace it, and so does a conversation key another session of the importing owner
 * has (unless the options say to import without the key), before anything is written. To replace, the
 * whole input is read and checked first, and the existing session is purged only if it passed.
 * Messages are appended a batch at a time, so an export of any length imports in constant memory.
 *
 * <p>An import given an owner ({@link ImportOptions#withOwner}) reaches only that owner's sessions: an
 * exported id another owner's session holds is neither replaced nor refused as existing, but imported
 * with fresh ids, as through an owner view (below). Without an owner, an import on the shared store
 * is an administrator's restore and may replace any owner's session.
 *
 * <p>Through an owner view ({@link SessionStore#forOwner}) the session becomes the view's owner's
 * (whatever the export or {@link ImportOptions#withOwner} says), and only that owner's sessions can be
 * replaced. An id another owner's session holds is never replaced or purged, even with
 * {@link ImportOptions#replacingExisting()}, nor refused as existing: the session and its messages are
 * imported with fresh ids, as with {@link ImportOptions#withFreshIds()}, and the new id is the
 * {@link ImportResult#session()}'s.
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
      Optional<ChatSession> existing = session.id().flatMap(store::findSession);
      if (existing.isPresent() && options.ownerId().isPresent()
          && !existing.get().ownerId().equals(session.ownerId())) {
        reader.close(); // the import is that owner's: another owner's session is out of its reach
        return importSession(source, options.withFreshIds());
      }
      if (existing.isPresent() && !options.replaceExisting()) {
        throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS, "session " + existing.get().id()
            + " already exists: import it with fresh ids, or replace it");
      }
      checkKey(session, existing);
      if (existing.isPresent()) {
        checkAll(reader); // nothing is purged for an input that would not import
        reader.close();
        reader = open(source, options);
        reader.header();
        store.purgeSession(existing.get().id());
        replaced = true;
      }
      ChatSession created;
      try {
        created = store.createSession(session);
      } catch (ConflictException e) {
        if (replaced || !heldOutOfSight(e, session)) {
          throw e;
        }
        reader.close();
        return importSession(source, options.withFreshIds()); // fresh ids are nobody's: no second round
      }
      long count = write(created, reader, chat.deleted());
      return new ImportResult(store.getSession(created.id()), count, replaced);
    } finally {
      reader.close();
    }
  }

  // Through an owner view (SessionStore.forOwner) another owner's session is invisible: findSession
  // found nothing, yet the id is taken. Such a session is never replaced or purged, and the refusal
  // would tell the importer that the id exists, so the import takes fresh ids instead, as with
  // ImportOptions.withFreshIds(). A key conflict checkKey could not see (it asked about the export's
  // owner, the view made the session its own) lands here too; the fresh-ids round meets it and throws it.
  private boolean heldOutOfSight(ConflictException e, NewSession session) {
    return e.reason() == ConflictException.Reason.ALREADY_EXISTS && session.id().isPresent()
        && store.findSession(session.id().get()).isEmpty();
  }

  // A key names one session of an owner: an import whose key another of the owner's sessions has is
  // refused before anything is written, rather than imported unkeyed, so that an import either
  // restores everything or nothing, and the host (not the importer) decides which session the key
  // means. The session being replaced frees its key, so it is not in the way.
  private void checkKey(NewSession session, Optional<ChatSession> replacing) {
    if (session.key().isEmpty()) {
      return; // asks nothing of the store: keyless imports need no key lookup
    }
    String key = session.key().get();
    store.findSessionByKey(session.ownerId(), key)
        .filter(holder -> replacing.map(r -> !r.id().equals(holder.id())).orElse(true))
        .ifPresent(holder -> {
          throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS, "owner " + session.ownerId()
              + " already has a session with the key \"" + key + "\" (session " + holder.id()
              + "): import it without the key (ImportOptions.withoutKey())");
        });
  }

  private long write(ChatSession created, ExportReader reader, boolean deleted) {
    try {
      List<ImportedMessage> batch = new ArrayList<>(batchSize);
      long appended = 0;
      Optional<ImportedMessage> next;
      while ((next = reader.next()).isPresent()) {
        batch.add(next.get());
        if (batch.size() == batchSize) {
          appended += append(created, batch, appended);
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        append(created, batch, appended);
      }
      if (deleted) {
        store.deleteSession(created.id());
      }
      return reader.messagesRead();
    } catch (ChatStoreException e) { // all or nothing: take back the part already written
      throw SessionPurge.after(e, store, created.id());
    }
  }

  // The store checks a batch as it checks any append (its own limits); its refusal names the batch's
  // message, renamed here as the export's. A revised message is appended as its first revision, and
  // its later revisions are made again, each with its own time and author.
  private int append(ChatSession created, List<ImportedMessage> batch, long before) {
    try {
      store.appendAll(created.id(), batch.stream().map(ImportedMessage::message).toList());
    } catch (InvalidInputException e) {
      throw BatchErrors.inExport(e, before);
    }
    for (int i = 0; i < batch.size(); i++) {
      ImportedMessage m = batch.get(i);
      for (MessageRevision r : m.laterRevisions()) {
        MessageUpdate update = MessageUpdate.parts(r.parts()).at(r.at());
        MessageUpdate revision = r.author().map(update::by).orElse(update);
        try {
          store.updateMessage(created.id(), m.message().id(), revision);
        } catch (InvalidInputException e) {
          throw new InvalidInputException("messages[" + (before + i) + "].revisions[" + (r.number() - 1) + "]."
              + e.field(), e.reason(), e);
        }
      }
      m.statusAfter().ifPresent(status -> store.updateMessage(created.id(), m.message().id(),
          MessageUpdate.status(status)));
    }
    return batch.size();
  }

  private void checkAll(ExportReader reader) {
    Optional<ImportedMessage> next;
    long i = 0;
    while ((next = reader.next()).isPresent()) {
      ImportedMessage m = next.get();
      String path = "messages[" + i++ + "]";
      Checks.under(path, () -> rules.check(m.message()));
      for (MessageRevision r : m.laterRevisions()) {
        Checks.under(path + ".revisions[" + (r.number() - 1) + "]", () -> {
          rules.check(MessageUpdate.parts(r.parts()));
          return r;
        });
      }
    }
  }

  private NewSession newSession(ImportedChat chat, ImportOptions options) {
    String owner = options.ownerId().or(chat::ownerId).orElseThrow(() ->
        new InvalidInputException("chat.ownerId", "is required, unless the import names an owner"));
    NewSession.Builder b = NewSession.forOwner(owner).title(chat.title()).metadata(chat.metadata())
        .state(chat.stateJson());
    chat.projectId().ifPresent(b::project);
    chat.key().filter(k -> options.keepKey()).ifPresent(b::key);
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

package dev.chatstore.file.internal;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.NewSession;
import dev.chatstore.SessionNotFoundException;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StaleVersionException;
import dev.chatstore.crypto.MissingKeyException;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.Ids;
import dev.chatstore.file.internal.Event.SessionCreated;
import dev.chatstore.file.internal.Event.SessionDeleted;
import dev.chatstore.file.internal.Event.SessionUpdated;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The session half of the store: create, read (by id or key), update, delete, restore, purge. Thread-safe. */
final class SessionOps {
  private static final Logger LOG = LoggerFactory.getLogger(SessionOps.class);
  private final FileContext ctx;

  SessionOps(FileContext ctx) {
    this.ctx = ctx;
  }

  ChatSession create(NewSession session) throws IOException {
    String metadata = FileContext.oneLine(ctx.rules.check(session));
    String id = session.id().orElseGet(Ids::next);
    SessionCreated created = new SessionCreated(ctx.now(), id, session.ownerId(), session.projectId(),
        session.title(), metadata, session.stateJson(), Optional.empty(), session.key());
    return createFile(created, List.<Event>of().iterator());
  }

  /**
   * Writes a whole new session file (a new session or a fork) and registers it. Its id, then its key,
   * are taken before anything is written, so a conflict on either writes nothing.
   */
  ChatSession createFile(SessionCreated created, Iterator<? extends Event> messages) throws IOException {
    String id = created.id();
    SessionHandle handle = new SessionHandle(id, ctx.folder, Optional.empty());
    handle.lock.lock(); // before it is visible, so no one sees it half made
    try {
      if (!ctx.sessions.add(handle)) {
        throw alreadyExists(id);
      }
      boolean done = false;
      try {
        Optional<OwnerKey> key = created.key().map(k -> new OwnerKey(created.owner(), k));
        if (key.isPresent() && !ctx.sessions.reserveKey(handle, key.get())) {
          throw new ConflictException(ConflictException.Reason.ALREADY_EXISTS,
              "owner " + created.owner() + " already has a session with this key");
        }
        if (Files.exists(handle.file())) { // a file the store does not know (or differs only by case)
          throw alreadyExists(id);
        }
        Iterator<Event> events = new Iterator<>() {
          private boolean first = true;

          @Override
          public boolean hasNext() {
            return first || messages.hasNext();
          }

          @Override
          public Event next() {
            if (first) {
              first = false;
              return created;
            }
            return messages.next();
          }
        };
        LoadedSession session = ctx.writer.create(handle, events);
        ctx.sessions.adopt(handle, session);
        done = true;
        return ctx.toSession(handle, session);
      } finally {
        if (!done) {
          ctx.sessions.remove(handle); // frees the key too
        }
      }
    } finally {
      handle.lock.unlock();
    }
  }

  private static ConflictException alreadyExists(String id) {
    return new ConflictException(ConflictException.Reason.ALREADY_EXISTS, "a session with id " + id + " exists");
  }

  Optional<ChatSession> find(String sessionId) throws IOException {
    Checks.id(sessionId, "sessionId");
    Optional<SessionHandle> handle = ctx.sessions.find(sessionId);
    return handle.isEmpty() ? Optional.empty() : find(handle.get());
  }

  /**
   * The owner's session with this key, found in memory: the session's own file is the only one read.
   * What that read gives is checked again, so a file edited by hand to another owner or key is not
   * handed out under this one.
   */
  Optional<ChatSession> findByKey(String ownerId, String key) throws IOException {
    Checks.ownerId(ownerId, "ownerId");
    OwnerKey wanted = new OwnerKey(ownerId, NewSession.key(key));
    Optional<SessionHandle> handle = ctx.sessions.findByKey(wanted);
    if (handle.isEmpty()) {
      return Optional.empty();
    }
    return find(handle.get()).filter(s -> s.ownerId().equals(ownerId) && s.key().equals(Optional.of(wanted.key())));
  }

  private Optional<ChatSession> find(SessionHandle handle) throws IOException {
    try {
      return Optional.of(ctx.sessions.with(handle, ctx::toSession));
    } catch (SessionNotFoundException e) {
      return Optional.empty();
    }
  }

  Optional<ChatSession> latest(String ownerId) throws IOException {
    Checks.ownerId(ownerId, "ownerId");
    List<Summary> candidates = ctx.sessions.all().stream()
        .map(SessionHandle::summary)
        .flatMap(Optional::stream)
        .filter(s -> s.owner().equals(ownerId) && !s.isDeleted())
        .sorted(Listing.RECENT_FIRST)
        .toList();
    for (Summary candidate : candidates) { // the first that is still there and readable
      try {
        Optional<ChatSession> session = find(candidate.id());
        if (session.isPresent() && !session.get().isDeleted()) {
          return session;
        }
      } catch (CorruptDataException | MissingKeyException e) {
        LOG.warn("skipping session {} in latestSession: {}", candidate.id(), e.getMessage());
      }
    }
    return Optional.empty();
  }

  ChatSession update(String sessionId, long expectedVersion, SessionUpdate update) throws IOException {
    Checks.id(sessionId, "sessionId");
    ctx.rules.check(update);
    Optional<String> metadata = update.metadata().map(ctx::encode);
    return ctx.sessions.with(sessionId, (handle, s) -> {
      FileContext.requireNotDeleted(s);
      if (s.version != expectedVersion) {
        throw new StaleVersionException(sessionId, expectedVersion, s.version);
      }
      ctx.writer.append(handle, s, new SessionUpdated(ctx.now(), s.version + 1, update.title(), metadata,
          update.stateJson()));
      return ctx.toSession(handle, s);
    });
  }

  /** Soft-deletes ({@code deleted}) or restores; a call that changes nothing writes nothing. */
  ChatSession setDeleted(String sessionId, boolean deleted) throws IOException {
    Checks.id(sessionId, "sessionId");
    return ctx.sessions.with(sessionId, (handle, s) -> {
      if (s.deletedAt.isPresent() != deleted) {
        ctx.writer.append(handle, s, new SessionDeleted(ctx.now(), s.version + 1, deleted));
      }
      return ctx.toSession(handle, s);
    });
  }

  /** Deletes the session's file (and any torn tails set aside) for good; works on a corrupt file too. */
  void purge(String sessionId) throws IOException {
    Checks.id(sessionId, "sessionId");
    SessionHandle handle = ctx.sessions.find(sessionId).orElseThrow(() -> new SessionNotFoundException(sessionId));
    handle.lock.lock();
    try {
      if (handle.removed) {
        throw new SessionNotFoundException(sessionId);
      }
      ctx.sessions.unload(handle);
      Files.deleteIfExists(handle.file());
      Files.deleteIfExists(ctx.folder.tornFile(sessionId));
      ctx.syncer.dirChanged(ctx.folder.sessions);
      ctx.sessions.remove(handle);
    } finally {
      handle.lock.unlock();
    }
  }

}

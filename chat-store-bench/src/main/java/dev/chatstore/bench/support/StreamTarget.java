package dev.chatstore.bench.support;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import dev.chatstore.bench.support.fs.ObservedFileSystem;
import dev.chatstore.file.FileSessionStore;
import dev.chatstore.jdbc.JdbcSessionStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A fresh store for the streaming benchmarks, whose durable writes a {@link WriteLog} observes without
 * changing them: H2 as {@code JdbcSessionStore.h2} opens it (same URL, the library's own pool of
 * {@value JdbcSessionStore#DEFAULT_MAX_CONNECTIONS} connections) but with the pool wrapped in an
 * {@link ObservedDataSource}; the file store with its defaults (every write forced) in a folder seen
 * through an {@link ObservedFileSystem}. Holds {@code sessions} sessions, each with one user message.
 * Not thread-safe to open or close; the store itself is.
 */
public final class StreamTarget implements AutoCloseable {
  private final Path folder;
  private final SessionStore store;
  private final Optional<HikariDataSource> pool;
  private final WriteLog log;
  private final String[] sessionIds;

  private StreamTarget(Path folder, SessionStore store, Optional<HikariDataSource> pool, WriteLog log, String[] ids) {
    this.folder = folder;
    this.store = store;
    this.pool = pool;
    this.log = log;
    this.sessionIds = ids;
  }

  /** Opens {@code backend} ("h2" or "file") in a new scratch folder. */
  public static StreamTarget open(String backend, int sessions) {
    Path folder = BenchPaths.scratch("streams-" + backend);
    WriteLog log = new WriteLog();
    SessionStore store;
    Optional<HikariDataSource> pool = Optional.empty();
    switch (backend) {
      case "h2" -> {
        HikariDataSource p = H2Bench.pool(folder, JdbcSessionStore.DEFAULT_MAX_CONNECTIONS);
        pool = Optional.of(p);
        store = JdbcSessionStore.builder().dataSource(new ObservedDataSource(p, log)).open();
      }
      case "file" -> store = FileSessionStore.open(ObservedFileSystem.observe(folder, log));
      default -> throw new IllegalArgumentException("backend must be h2 or file, was " + backend);
    }
    String[] ids = new String[sessions];
    for (int i = 0; i < sessions; i++) {
      ids[i] = store.createSession(NewSession.forOwner("bench-owner").title("stream " + i).build()).id();
      store.append(ids[i], NewMessage.user("Tell me a long story."));
    }
    return new StreamTarget(folder, store, pool, log, ids);
  }

  public SessionStore store() {
    return store;
  }

  public WriteLog log() {
    return log;
  }

  public String sessionId(int i) {
    return sessionIds[i];
  }

  /** The folder the data is in. */
  public Path folder() {
    return folder;
  }

  @Override
  public void close() {
    store.close();
    pool.ifPresent(HikariDataSource::close);
    BenchPaths.deleteTree(folder);
  }
}

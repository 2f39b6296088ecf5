package dev.chatstore.jdbc.internal;

import dev.chatstore.spi.StreamEngine;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stream engines of every open JDBC store in this JVM. Recovery when a store opens skips streams
 * that any of them has open: a second store on the same database in the same process (a test, a
 * second component) must not cut short the streams of the first, which is alive. An explicit
 * {@code recoverAbandonedStreams} call skips only its own store's streams, as documented.
 * Thread-safe.
 */
final class OpenStreams {
  private static final Set<StreamEngine> ENGINES = ConcurrentHashMap.newKeySet();

  private OpenStreams() {}

  static void register(StreamEngine engine) {
    ENGINES.add(engine);
  }

  static void unregister(StreamEngine engine) {
    ENGINES.remove(engine);
  }

  /** True if a stream for this message is open in any live store of this JVM. */
  static boolean openInThisJvm(String sessionId, String messageId) {
    for (StreamEngine engine : ENGINES) {
      if (engine.isOpen(sessionId, messageId)) {
        return true;
      }
    }
    return false;
  }
}

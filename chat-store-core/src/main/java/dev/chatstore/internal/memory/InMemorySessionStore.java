package dev.chatstore.internal.memory;

import dev.chatstore.SessionStore;

/** The reference {@link SessionStore}: everything in memory, thread-safe, lost when the JVM exits. */
public final class InMemorySessionStore {
  private InMemorySessionStore() {}

  public static SessionStore create() {
    throw new UnsupportedOperationException("store under construction");
  }
}

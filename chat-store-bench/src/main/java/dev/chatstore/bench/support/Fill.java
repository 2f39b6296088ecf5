package dev.chatstore.bench.support;

import dev.chatstore.SessionStore;

/** Fills sessions with conversation messages through the store's own batch append, on any backend. Stateless. */
public final class Fill {
  /** appendAll batch used to fill sessions: the store's largest accepted batch. */
  public static final int BATCH = 10_000;

  private Fill() {}

  /** Appends {@code count} messages ({@link Texts#conversation}) to the session in batches of {@link #BATCH}. */
  public static void session(SessionStore store, String sessionId, long count) {
    long left = count;
    while (left > 0) {
      int n = (int) Math.min(BATCH, left);
      store.appendAll(sessionId, Texts.conversation(n));
      left -= n;
    }
  }
}

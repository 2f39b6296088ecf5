package dev.chatstore.async;

import dev.chatstore.spi.Checks;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Takes the JDK's wrappers off a failed future, so host code catches the store's typed exceptions
 * ({@code SessionNotFoundException}, {@code StaleVersionException}...) as if the call were direct.
 */
public final class Futures {
  private Futures() {}

  /**
   * The failure a future stage reports, without the {@link CompletionException} or
   * {@link ExecutionException} the JDK wraps it in: use it in {@code exceptionally} or
   * {@code whenComplete}.
   */
  public static Throwable cause(Throwable failure) {
    Throwable t = Checks.notNull(failure, "failure");
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Waits for the future and returns its value, or throws its failure as it was thrown: a
   * {@link dev.chatstore.ChatStoreException} arrives as itself, not wrapped. Meant for callers that
   * may block (tests, background threads); a cancelled future throws {@link CancellationException}.
   */
  public static <T> T await(CompletableFuture<T> future) {
    Checks.notNull(future, "future");
    try {
      return future.join();
    } catch (CompletionException e) {
      Throwable cause = cause(e);
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw e; // a checked exception from host code: leave it wrapped
    }
  }
}

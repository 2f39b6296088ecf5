package dev.chatstore.testkit;

import dev.chatstore.ChatStoreException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What one store call gave, comparable across calls: the value it returned (as text) or the type and
 * message of the library exception it threw. How the suite checks that two ids are answered alike.
 *
 * @param value what the call returned, empty if it threw
 * @param thrown the exception's type, empty if the call returned
 * @param message the exception's message, empty if the call returned
 */
public record CallOutcome(Optional<String> value, Optional<Class<?>> thrown, Optional<String> message) {

  /** Runs {@code call}; a value that must be closed (a stream a call should not have opened) is closed. */
  public static CallOutcome of(Supplier<?> call) {
    try {
      Object value = call.get();
      if (value instanceof AutoCloseable open) {
        open.close();
      }
      return new CallOutcome(Optional.of(String.valueOf(value)), Optional.empty(), Optional.empty());
    } catch (ChatStoreException e) {
      return new CallOutcome(Optional.empty(), Optional.of(e.getClass()), Optional.of(e.getMessage()));
    } catch (Exception e) { // AutoCloseable.close: a store's streams throw only ChatStoreExceptions
      throw new AssertionError("closing what the call returned failed", e);
    }
  }

  /** This outcome as it would read with {@code id} in the place of {@code replaced}. */
  public CallOutcome naming(String replaced, String id) {
    return new CallOutcome(value.map(v -> v.replace(replaced, id)), thrown, message.map(m -> m.replace(replaced, id)));
  }
}

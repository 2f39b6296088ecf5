package dev.chatstore.testkit.crash;

import dev.chatstore.SessionStore;

/**
 * How the crash harness opens a backend's store: in the child JVM it kills, and again in the test
 * after the kill, from the same {@code location}. The child builds it by class name, so an
 * implementation must be a public class with a public no-argument constructor on the test class path
 * (a public static nested class of the test will do; not a lambda, which has no name to build it
 * by), and must open the same data from the same location every time.
 *
 * <pre>{@code
 * public static final class Factory implements StoreFactory {
 *   @Override public SessionStore open(String location) {
 *     return MyStore.open(Path.of(location));
 *   }
 * }
 * }</pre>
 */
public interface StoreFactory {
  /** Opens the store whose data is at {@code location} (a folder, a JDBC URL…), creating it if need be. */
  SessionStore open(String location);
}

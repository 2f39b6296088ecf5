package dev.chatstore.active;

/** A registered listener; close it to stop hearing events. Idempotent, thread-safe. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}

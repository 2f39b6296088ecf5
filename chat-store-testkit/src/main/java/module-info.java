/**
 * {@code SessionStoreContract}, the JUnit 5 suite every backend passes, and the child-JVM crash
 * harness every durable backend's tests use ({@code dev.chatstore.testkit.crash}), for backend authors;
 * and what the fixtures written by past releases are written and read back with
 * ({@code dev.chatstore.testkit.fixtures}).
 */
module dev.chatstore.testkit {
  requires transitive dev.chatstore.core;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;

  exports dev.chatstore.testkit;
  exports dev.chatstore.testkit.crash;
  exports dev.chatstore.testkit.fixtures;
  // JUnit discovers and runs the contracts' test classes by reflection.
  opens dev.chatstore.testkit to org.junit.platform.commons;
  opens dev.chatstore.testkit.crash to org.junit.platform.commons;
}

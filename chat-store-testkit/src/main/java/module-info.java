/** {@code SessionStoreContract}: the JUnit 5 suite every backend passes, for backend authors. */
module dev.chatstore.testkit {
  requires transitive dev.chatstore.core;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;

  exports dev.chatstore.testkit;
  // JUnit discovers and runs the contract's nested test classes by reflection.
  opens dev.chatstore.testkit to org.junit.platform.commons;
}

package dev.chatstore.testkit;

import dev.chatstore.SessionStore;

/** Runs the contract against the in-memory reference store, which has no second instance and no reopen. */
class InMemorySessionStoreTest extends SessionStoreContract {
  @Override
  protected SessionStore createStore() {
    return SessionStore.inMemory();
  }
}

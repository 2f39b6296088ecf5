package dev.chatstore.testkit;

/**
 * Something a backend may or may not be able to do, declared by
 * {@link SessionStoreContract#capabilities()}. A test that needs a capability the backend does not
 * declare is reported as skipped (a failed JUnit assumption naming the capability), never silently left out.
 */
public enum StoreCapability {
  /**
   * {@link SessionStoreContract#openSecondInstance} returns another live store on the same data
   * while the first is open: a second process, or a page refreshed against another server.
   */
  SECOND_INSTANCE,

  /**
   * {@link SessionStoreContract#openSecondInstance} also works after the first store was closed,
   * and that store sees everything the first wrote: the data survives a restart.
   */
  REOPEN
}

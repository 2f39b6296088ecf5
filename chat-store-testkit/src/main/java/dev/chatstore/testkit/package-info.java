/**
 * The contract every {@link dev.chatstore.SessionStore} backend must pass, as an abstract JUnit 5
 * suite: extend {@link dev.chatstore.testkit.SessionStoreContract} in a {@code *Test} class.
 *
 * <pre>{@code
 * class MyStoreTest extends SessionStoreContract {
 *   @TempDir Path dir;
 *
 *   @Override protected SessionStore createStore() {
 *     return MyStore.open(dir.resolve(UUID.randomUUID().toString()));  // fresh and empty
 *   }
 *
 *   @Override protected Set<StoreCapability> capabilities() {
 *     return EnumSet.of(StoreCapability.SECOND_INSTANCE, StoreCapability.REOPEN);
 *   }
 *
 *   @Override protected Optional<SessionStore> openSecondInstance(SessionStore first) {
 *     return Optional.of(MyStore.open(((MyStore) first).folder()));   // same data
 *   }
 * }
 * }</pre>
 *
 * <p>The checks are grouped by area, one abstract {@code *Contract} class each, run as
 * {@code @Nested} classes of the suite. Helpers ({@link dev.chatstore.testkit.StoreSnapshot},
 * {@link dev.chatstore.testkit.Concurrently}, {@link dev.chatstore.testkit.Waiting},
 * {@link dev.chatstore.testkit.Fixtures}, {@link dev.chatstore.testkit.PartFixtures},
 * {@link dev.chatstore.testkit.HostileText}, {@link dev.chatstore.testkit.TwoOwners},
 * {@link dev.chatstore.testkit.CallOutcome}) are public so
 * backends can reuse them in their own tests. A durable backend also extends
 * {@link dev.chatstore.testkit.crash.CrashContract}, the child-JVM SIGKILL suite.
 */
package dev.chatstore.testkit;

package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chatstore.SessionStore;
import dev.chatstore.StoreLimits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;

/**
 * The behaviour every {@link SessionStore} backend must show, as an abstract JUnit 5 suite: extend it
 * in a {@code *Test} class, implement {@link #createStore()}, declare {@link #capabilities()}.
 *
 * <p>The checks live in one abstract class per area ({@link SessionsContract}, {@link StreamingContract}
 * …), composed here as {@code @Nested} classes so one subclass runs them all. Each test gets a fresh
 * empty store from {@link #createStore()}, made on first use; the suite closes it (and any second
 * instance) after the test in its own {@code @AfterEach}, which JUnit runs after the subclass's
 * {@code @AfterEach} methods, so release per-test resources (databases, folders) with {@code @TempDir},
 * in {@code @AfterAll}, or in the store's own {@code close()}.
 *
 * <p>Tests needing a {@link StoreCapability} the backend does not declare end as skipped with a message
 * naming it; {@link #declaredCapabilities} lists what was and was not declared in the report.
 */
public abstract class SessionStoreContract {
  private SessionStore store;
  private final List<SessionStore> others = new ArrayList<>();

  // ---- hooks -----------------------------------------------------------------------------------

  /** A new, empty store, used by one test only. The suite closes it after the test. */
  protected abstract SessionStore createStore();

  /**
   * Another store over the same data as {@code first} (a second reader and writer: another process,
   * a page refreshed against another server), or empty if the backend has no such thing. Called while
   * {@code first} is open when {@link StoreCapability#SECOND_INSTANCE} is declared, and after it was
   * closed when {@link StoreCapability#REOPEN} is declared. The suite closes what this returns.
   */
  protected Optional<SessionStore> openSecondInstance(SessionStore first) {
    return Optional.empty();
  }

  /** What the backend can do beyond the base contract; none by default. */
  protected Set<StoreCapability> capabilities() {
    return EnumSet.noneOf(StoreCapability.class);
  }

  /** The limits the stores from {@link #createStore()} enforce; override if they are not the defaults. */
  protected StoreLimits limits() {
    return StoreLimits.defaults();
  }

  // ---- what the areas use ----------------------------------------------------------------------

  /** The store of the current test, created on first use. */
  protected final synchronized SessionStore store() {
    if (store == null) {
      store = createStore();
      assertThat(store).as("createStore()").isNotNull();
    }
    return store;
  }

  /** A second instance over the store's data; skips the test unless SECOND_INSTANCE is declared. */
  protected final SessionStore secondInstance() {
    requires(StoreCapability.SECOND_INSTANCE);
    return opened(openSecondInstance(store()), StoreCapability.SECOND_INSTANCE);
  }

  /** Closes the current store and opens it again; skips the test unless REOPEN is declared. */
  protected final SessionStore reopen() {
    requires(StoreCapability.REOPEN);
    SessionStore first = store();
    first.close();
    return opened(openSecondInstance(first), StoreCapability.REOPEN);
  }

  /** Ends the test as skipped, naming the capability, when the backend does not declare it. */
  protected final void requires(StoreCapability capability) {
    Set<StoreCapability> declared = capabilities();
    assumeTrue(declared.contains(capability), () -> "not run: needs StoreCapability." + capability
        + ", which this backend does not declare (capabilities() = " + declared + ")");
  }

  private synchronized SessionStore opened(Optional<SessionStore> other, StoreCapability capability) {
    assertThat(other).as("openSecondInstance() of a backend declaring %s", capability).isPresent();
    others.add(other.get());
    return other.get();
  }

  @AfterEach
  final synchronized void closeStores() {
    List<SessionStore> toClose = new ArrayList<>(others);
    Collections.reverse(toClose);
    if (store != null) {
      toClose.add(store);
    }
    others.clear();
    store = null;
    for (SessionStore s : toClose) {
      s.close();
    }
  }

  // ---- the capability report -------------------------------------------------------------------

  /** One entry per capability: passed if declared, skipped (with the reason) if not. */
  @TestFactory
  @DisplayName("declared capabilities")
  Stream<DynamicTest> declaredCapabilities(TestReporter reporter) {
    Set<StoreCapability> declared = capabilities();
    reporter.publishEntry("capabilities", declared.toString());
    return Stream.of(StoreCapability.values()).map(c -> DynamicTest.dynamicTest(
        c + (declared.contains(c) ? " declared" : " not declared"),
        () -> assumeTrue(declared.contains(c),
            () -> "StoreCapability." + c + " is not declared: the tests needing it are skipped")));
  }

  @Test
  void openSecondInstanceAgreesWithTheDeclaredCapabilities() {
    Optional<SessionStore> second = openSecondInstance(store());
    second.ifPresent(others::add);
    assertThat(second.isPresent())
        .as("openSecondInstance() returns a store iff SECOND_INSTANCE is declared")
        .isEqualTo(capabilities().contains(StoreCapability.SECOND_INSTANCE));
  }

  @Test
  void closeIsIdempotent() {
    store().close();
    store().close();
  }

  // ---- the areas -------------------------------------------------------------------------------

  @Nested
  class Sessions extends SessionsContract {
    Sessions() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Messages extends MessagesContract {
    Messages() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Parts extends PartsContract {
    Parts() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class PartLimits extends PartLimitsContract {
    PartLimits() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class ToolResults extends ToolResultsContract {
    ToolResults() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Keys extends KeysContract {
    Keys() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Revisions extends RevisionsContract {
    Revisions() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Paging extends PagingContract {
    Paging() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Listing extends ListingContract {
    Listing() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Search extends SearchContract {
    Search() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Streaming extends StreamingContract {
    Streaming() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class StreamChannels extends StreamChannelsContract {
    StreamChannels() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class StreamChannelLimits extends StreamChannelLimitsContract {
    StreamChannelLimits() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class StreamChannelCopies extends StreamChannelCopiesContract {
    StreamChannelCopies() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Recovery extends RecoveryContract {
    Recovery() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class ToolExecutions extends ToolExecutionsContract {
    ToolExecutions() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Fork extends ForkContract {
    Fork() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class NullArguments extends NullArgumentsContract {
    NullArguments() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class HostileIds extends HostileIdsContract {
    HostileIds() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class UnknownIds extends UnknownIdsContract {
    UnknownIds() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Oversize extends OversizeContract {
    Oversize() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class MalformedInput extends MalformedInputContract {
    MalformedInput() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class UnpairedSurrogates extends UnpairedSurrogateContract {
    UnpairedSurrogates() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class CursorsAndLimits extends CursorsAndLimitsContract {
    CursorsAndLimits() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class TextFidelity extends TextFidelityContract {
    TextFidelity() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Metadata extends MetadataContract {
    Metadata() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class Concurrency extends ConcurrencyContract {
    Concurrency() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class OwnerScope extends OwnerScopeContract {
    OwnerScope() {
      super(SessionStoreContract.this);
    }
  }

  @Nested
  class SecondInstance extends SecondInstanceContract {
    SecondInstance() {
      super(SessionStoreContract.this);
    }
  }
}

package dev.chatstore.spi;

import dev.chatstore.InvalidInputException;
import dev.chatstore.crypto.Encryption;
import dev.chatstore.SessionStore;
import dev.chatstore.StoreLimits;
import dev.chatstore.StoreOptions;
import java.time.Clock;
import java.time.Duration;

/**
 * The base of every backend's builder: the settings all stores share ({@link StoreOptions}), each
 * set and checked here once, and {@link #open()}, the one verb that ends every builder. A backend
 * adds its own setters (where the data lives, its durability knobs) and reads {@link #options()} when
 * it opens.
 *
 * <pre>{@code
 * public static final class Builder extends StoreBuilder<Builder, MyStore> {
 *   public Builder folder(Path folder) { ...; return this; }
 *   @Override public MyStore open() { return MyStore.open(folder, options()); }
 * }
 * }</pre>
 *
 * <p>The verb is {@code open()}, not {@code build()}: it does I/O (creates folders, connects,
 * migrates, takes locks, recovers streams), may throw {@link dev.chatstore.UnavailableException},
 * and what it returns must be closed. Not thread-safe; setters throw {@link InvalidInputException}
 * naming the property at once, before anything is opened.
 *
 * @param <B> the backend's builder itself, so that setters chain
 * @param <S> the store it opens
 */
public abstract class StoreBuilder<B extends StoreBuilder<B, S>, S extends SessionStore> {
  private StoreOptions options = StoreOptions.defaults();

  protected StoreBuilder() {}

  /** Replaces every shared setting at once: a host keeps one {@link StoreOptions} for any backend. */
  public final B options(StoreOptions options) {
    this.options = Checks.notNull(options, "options");
    return self();
  }

  /** The size limits input is checked against before anything is written; the defaults unless set. */
  public final B limits(StoreLimits limits) {
    options = options.withLimits(limits);
    return self();
  }

  /** Where timestamps come from (stored to the microsecond); the system UTC clock unless set. */
  public final B clock(Clock clock) {
    options = options.withClock(clock);
    return self();
  }

  /**
   * How long a PENDING or STREAMING message must have been silent for opening the store to mark it
   * INTERRUPTED; each backend documents its default.
   */
  public final B recoverStreamsIdleFor(Duration idleFor) {
    options = options.withRecoverStreamsIdleFor(idleFor);
    return self();
  }

  /**
   * Encrypts what the store keeps at rest (AES-256-GCM, keys from the host's provider); see the README's
   * security section for what is sealed. The provider's current key was checked when the
   * {@link Encryption} was made.
   */
  public final B encryption(Encryption encryption) {
    options = options.withEncryption(encryption);
    return self();
  }

  /**
   * Opens the store with what was set. May be called more than once; each call opens a new store
   * (where the backend allows two at once).
   */
  public abstract S open();

  /** The shared settings as set so far, for the backend's {@link #open()}. */
  protected final StoreOptions options() {
    return options;
  }

  @SuppressWarnings("unchecked") // B is the concrete builder by the class's declaration
  private B self() {
    return (B) this;
  }
}

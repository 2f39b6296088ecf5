package dev.chatstore;

import dev.chatstore.crypto.Encryption;
import dev.chatstore.spi.Checks;
import dev.chatstore.spi.StreamRecovery;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings every durable store takes, whatever its backend: the input limits, the clock, how
 * long a stream left unfinished must have been silent before opening the store marks it INTERRUPTED,
 * and whether it encrypts what it stores.
 * Each backend's builder takes these through {@link dev.chatstore.spi.StoreBuilder} (one setter each,
 * or all at once with {@code options(StoreOptions)}), so one value can configure any backend.
 *
 * <p>Immutable and thread-safe. Each {@code with…} method checks its argument and throws
 * {@link InvalidInputException} naming the property ({@code limits}, {@code clock},
 * {@code recoverStreamsIdleFor}, {@code encryption}).
 */
public final class StoreOptions {
  private static final StoreOptions DEFAULTS =
      new StoreOptions(StoreLimits.defaults(), Clock.systemUTC(), Optional.empty(), Optional.empty());

  private final StoreLimits limits;
  private final Clock clock;
  private final Optional<Duration> recoverStreamsIdleFor;
  private final Optional<Encryption> encryption;

  private StoreOptions(StoreLimits limits, Clock clock, Optional<Duration> recoverStreamsIdleFor,
      Optional<Encryption> encryption) {
    this.limits = limits;
    this.clock = clock;
    this.recoverStreamsIdleFor = recoverStreamsIdleFor;
    this.encryption = encryption;
  }

  /** Default limits, the system UTC clock, each backend's own recovery idle time, no encryption. */
  public static StoreOptions defaults() {
    return DEFAULTS;
  }

  /** The size limits input is checked against before anything is written. */
  public StoreLimits limits() {
    return limits;
  }

  /** Where timestamps come from (stored to the microsecond). */
  public Clock clock() {
    return clock;
  }

  /**
   * How long a PENDING or STREAMING message must have been silent for opening the store to mark it
   * INTERRUPTED; empty means the backend's default (each backend documents it: zero where one process
   * owns the data, longer where other processes may be streaming into it).
   */
  public Optional<Duration> recoverStreamsIdleFor() {
    return recoverStreamsIdleFor;
  }

  /**
   * How the store encrypts what it stores (see the README's security section); empty stores values as
   * they are. The in-memory store keeps nothing at rest and takes no options.
   */
  public Optional<Encryption> encryption() {
    return encryption;
  }

  public StoreOptions withLimits(StoreLimits limits) {
    return new StoreOptions(Checks.notNull(limits, "limits"), clock, recoverStreamsIdleFor, encryption);
  }

  public StoreOptions withClock(Clock clock) {
    return new StoreOptions(limits, Checks.notNull(clock, "clock"), recoverStreamsIdleFor, encryption);
  }

  /** Zero marks every unfinished stream not open in this store INTERRUPTED on open. */
  public StoreOptions withRecoverStreamsIdleFor(Duration idleFor) {
    return new StoreOptions(limits, clock,
        Optional.of(StreamRecovery.idleFor(idleFor, "recoverStreamsIdleFor")), encryption);
  }

  /** Encrypts every value the README lists as encrypted with AES-256-GCM (see {@link Encryption}). */
  public StoreOptions withEncryption(Encryption encryption) {
    return new StoreOptions(limits, clock, recoverStreamsIdleFor,
        Optional.of(Checks.notNull(encryption, "encryption")));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoreOptions other && limits.equals(other.limits) && clock.equals(other.clock)
        && recoverStreamsIdleFor.equals(other.recoverStreamsIdleFor) && encryption.equals(other.encryption);
  }

  @Override
  public int hashCode() {
    return Objects.hash(limits, clock, recoverStreamsIdleFor, encryption);
  }

  @Override
  public String toString() {
    return "StoreOptions[limits=" + limits + ", clock=" + clock + ", recoverStreamsIdleFor="
        + recoverStreamsIdleFor.map(Duration::toString).orElse("backend default")
        + ", encryption=" + encryption.map(Encryption::toString).orElse("none") + "]";
  }
}

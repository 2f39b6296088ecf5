package dev.chatstore.limit;

import dev.chatstore.ChatStoreException;
import java.time.Duration;
import java.time.Instant;

/**
 * A write was refused because its owner is over the store's {@link MessageRateLimit}; nothing was
 * written. Carries the owner and when the same call may pass: {@link #retryAfter()} from the refusal,
 * {@link #retryAt()} on the limiter's clock (an HTTP host's {@code Retry-After}). A retry then passes
 * unless the owner's other writes took the tokens first.
 */
public final class RateLimitExceededException extends ChatStoreException {
  private static final long serialVersionUID = 1L;
  private final String ownerId;
  private final int messages;
  private final Duration retryAfter;
  private final Instant retryAt;

  public RateLimitExceededException(String ownerId, int messages, Duration retryAfter, Instant retryAt) {
    super("owner " + ownerId + " is over the message rate limit: " + messages
        + (messages == 1 ? " message" : " messages") + " can be created in " + retryAfter + ", at " + retryAt);
    this.ownerId = ownerId;
    this.messages = messages;
    this.retryAfter = retryAfter;
    this.retryAt = retryAt;
  }

  /** The owner of the session the write was for. */
  public String ownerId() {
    return ownerId;
  }

  /** How many messages the refused call would have created (one, or an {@code appendAll}'s batch). */
  public int messages() {
    return messages;
  }

  /** How long until the owner's bucket holds {@link #messages()} tokens again; positive. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The instant {@link #retryAfter()} from the refusal, as the limiter's clock reads it. */
  public Instant retryAt() {
    return retryAt;
  }
}

/**
 * Per-owner limits on how fast messages are created: {@link dev.chatstore.limit.RateLimitedStore}
 * over any store, a {@link dev.chatstore.limit.MessageRateLimit} (rate and burst of a token bucket),
 * and {@link dev.chatstore.limit.RateLimitExceededException}, which says when to retry.
 */
package dev.chatstore.limit;

package dev.chatstore.internal.limit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The token buckets of one rate limit, one per owner who has spent any. A bucket is kept as credit in
 * nanoseconds of refill ({@code tokens × interval}), so refilling adds elapsed time and every figure
 * stays an exact long; times are nanoseconds on the caller's monotonic-enough scale.
 *
 * <p>Thread-safe with no lock shared between owners: a bucket changes only inside the map's
 * {@code compute} for its owner, so each check-and-take is atomic. Buckets that are full again hold
 * nothing a fresh one would not, so they are dropped once the map has doubled since the last sweep:
 * memory follows the owners active within one fill time, not every owner ever seen.
 */
public final class OwnerBuckets {
  /** How many owners are kept before the first sweep. */
  public static final int DEFAULT_SWEEP_FLOOR = 1024;

  private final long interval;
  private final long capacity;
  private final int sweepFloor;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicBoolean sweeping = new AtomicBoolean();
  private volatile int sweepAbove;

  /** Buckets of {@code burst} tokens gaining one every {@code intervalNanos}; both positive, product a long. */
  public OwnerBuckets(long intervalNanos, int burst, int sweepFloor) {
    this.interval = intervalNanos;
    this.capacity = Math.multiplyExact(intervalNanos, (long) burst);
    this.sweepFloor = sweepFloor;
    this.sweepAbove = sweepFloor;
  }

  /**
   * Takes {@code n} tokens from the owner's bucket at {@code now} if it holds them: 0 if taken, else
   * the nanoseconds until it will hold them, and nothing is taken.
   */
  public long take(String owner, int n, long now) {
    long cost = n * interval;
    long[] shortfall = new long[1];
    buckets.compute(owner, (k, b) -> {
      Bucket bucket = b == null ? new Bucket(capacity, now) : b;
      bucket.refill(now, capacity);
      if (bucket.credit >= cost) {
        bucket.credit -= cost;
      } else {
        shortfall[0] = cost - bucket.credit;
      }
      return bucket;
    });
    sweepIfLarge(now);
    return shortfall[0];
  }

  /**
   * Takes {@code n} tokens whether the bucket holds them or not (a write that passed without a check),
   * leaving it at most one full bucket in debt.
   */
  public void charge(String owner, int n, long now) {
    long cost = n * interval;
    buckets.compute(owner, (k, b) -> {
      Bucket bucket = b == null ? new Bucket(capacity, now) : b;
      bucket.refill(now, capacity);
      bucket.credit = Math.max(bucket.credit - cost, -capacity);
      return bucket;
    });
  }

  /** Returns {@code n} tokens taken for a write that did not happen; a bucket never holds more than full. */
  public void giveBack(String owner, int n, long now) {
    long cost = n * interval;
    // an absent bucket was full and swept: giving back to it changes nothing
    buckets.computeIfPresent(owner, (k, bucket) -> {
      bucket.refill(now, capacity);
      bucket.credit = cost >= capacity - bucket.credit ? capacity : bucket.credit + cost;
      return bucket;
    });
  }

  /** How many owners have a bucket now. */
  public int size() {
    return buckets.size();
  }

  private void sweepIfLarge(long now) {
    if (buckets.size() <= sweepAbove || !sweeping.compareAndSet(false, true)) {
      return;
    }
    try {
      for (String owner : buckets.keySet()) {
        buckets.computeIfPresent(owner, (k, bucket) -> bucket.fullAt(now, capacity) ? null : bucket);
      }
      sweepAbove = Math.max(sweepFloor, buckets.size() * 2);
    } finally {
      sweeping.set(false);
    }
  }

  /** One owner's bucket; touched only inside the map's compute for that owner. */
  private static final class Bucket {
    long credit;
    long at;

    Bucket(long credit, long at) {
      this.credit = credit;
      this.at = at;
    }

    // A clock that steps back neither refills nor stalls the bucket: the step is skipped.
    void refill(long now, long capacity) {
      long elapsed = Math.max(0, now - at);
      credit = elapsed >= capacity - credit ? capacity : credit + elapsed;
      at = now;
    }

    boolean fullAt(long now, long capacity) {
      return Math.max(0, now - at) >= capacity - credit;
    }
  }
}

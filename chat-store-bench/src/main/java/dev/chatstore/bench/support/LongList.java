package dev.chatstore.bench.support;

import java.util.Arrays;

/** A growable list of primitive longs (lags), without boxing a million of them. Not thread-safe. */
final class LongList {
  private long[] values = new long[1024];
  private int size;

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  long[] toArray() {
    return Arrays.copyOf(values, size);
  }
}

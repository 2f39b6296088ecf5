package dev.chatstore.internal.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Buckets of 3 tokens, one back every 10 ns; a sweep once more than 8 owners are kept. */
class OwnerBucketsTest {
  private final OwnerBuckets buckets = new OwnerBuckets(10, 3, 8);

  @Test
  void memoryFollowsTheOwnersStillRefillingNotEveryOwnerSeen() {
    for (int i = 0; i < 1000; i++) {
      assertThat(buckets.take("owner-" + i, 1, i * 100L)).isZero(); // each full again 20 ns later
    }
    assertThat(buckets.size()).isLessThanOrEqualTo(9);
  }

  @Test
  void aSweepNeverForgetsABucketThatIsNotFull() {
    assertThat(buckets.take("busy", 3, 0)).isZero();
    for (int i = 0; i < 100; i++) {
      buckets.take("quiet-" + i, 1, 5); // all of them, and busy, are short of tokens at 5 ns
    }
    assertThat(buckets.size()).isEqualTo(101);
    assertThat(buckets.take("busy", 1, 5)).isEqualTo(5);
    for (int i = 0; i < 100; i++) {
      buckets.take("late-" + i, 1, 25); // by 25 ns the quiet ones are full, busy still two short
    }
    assertThat(buckets.size()).isLessThanOrEqualTo(101);
    assertThat(buckets.take("busy", 3, 25)).isEqualTo(5);
  }

  @Test
  void giveBackAndChargeKeepTheBucketBetweenOneInDebtAndFull() {
    assertThat(buckets.take("a", 2, 0)).isZero();
    buckets.giveBack("a", 3, 0);
    assertThat(buckets.take("a", 3, 0)).isZero();
    assertThat(buckets.take("a", 1, 0)).isEqualTo(10);
    buckets.charge("a", 3, 0);
    buckets.charge("a", 3, 0);
    assertThat(buckets.take("a", 1, 0)).isEqualTo(40); // 30 ns in debt at most, then 10 for the token
    buckets.giveBack("never-seen", 1, 0);
    assertThat(buckets.size()).isEqualTo(1);
  }
}

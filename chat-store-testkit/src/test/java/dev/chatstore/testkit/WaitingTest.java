package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The wait helper returns once its condition holds and fails, naming what it waited for, once it never does. */
class WaitingTest {
  @Test
  void returnsOnceAnotherThreadMakesTheConditionTrue() throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    Thread setter = new Thread(() -> done.set(true));
    setter.start();
    Waiting.waitFor("the flag", () -> done.get());
    assertThat(done).isTrue();
    setter.join();
  }

  @Test
  void failsNamingWhatItWaitedForWhenTheConditionNeverHolds() {
    assertThatThrownBy(() -> Waiting.waitFor("the moon", Duration.ofMillis(20), () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the moon");
  }

  @Test
  void aFailingConditionFailsTheWaitAtOnce() {
    AssertionError broken = new AssertionError("broken");
    assertThatThrownBy(() -> Waiting.waitFor("anything", () -> {
      throw broken;
    })).isSameAs(broken);
  }
}

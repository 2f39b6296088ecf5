package dev.chatstore.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.InvalidInputException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Runs a call that must be refused and hands back the refusal, for asserting its field and reason. */
final class Refusals {
  private Refusals() {}

  static InvalidInputException refusal(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(InvalidInputException.class);
    return (InvalidInputException) thrown;
  }
}

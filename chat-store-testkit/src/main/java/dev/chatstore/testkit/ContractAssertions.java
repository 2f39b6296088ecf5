package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.chatstore.ConflictException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MessageNotFoundException;
import dev.chatstore.SessionNotFoundException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the library's typed errors, so each check names what it expects in one line. */
public final class ContractAssertions {
  private ContractAssertions() {}

  /** The call throws {@link InvalidInputException} naming exactly {@code field}. */
  public static InvalidInputException assertInvalid(ThrowingCallable call, String field) {
    InvalidInputException e = assertInvalid(call);
    assertThat(e.field()).as("field named by: %s", e.getMessage()).isEqualTo(field);
    return e;
  }

  /** The call throws {@link InvalidInputException} naming a field that starts with {@code prefix}. */
  public static InvalidInputException assertInvalidStartingWith(ThrowingCallable call, String prefix) {
    InvalidInputException e = assertInvalid(call);
    assertThat(e.field()).as("field named by: %s", e.getMessage()).startsWith(prefix);
    return e;
  }

  /** The call throws {@link InvalidInputException}, whatever the field. */
  public static InvalidInputException assertInvalid(ThrowingCallable call) {
    return thrown(call, InvalidInputException.class);
  }

  /** The call throws {@link ConflictException} for {@code reason}. */
  public static ConflictException assertConflict(ThrowingCallable call, ConflictException.Reason reason) {
    ConflictException e = thrown(call, ConflictException.class);
    assertThat(e.reason()).as("reason of: %s", e.getMessage()).isEqualTo(reason);
    return e;
  }

  /** The call throws {@link SessionNotFoundException} for {@code sessionId}. */
  public static SessionNotFoundException assertSessionNotFound(ThrowingCallable call, String sessionId) {
    SessionNotFoundException e = thrown(call, SessionNotFoundException.class);
    assertThat(e.id()).isEqualTo(sessionId);
    return e;
  }

  /** The call throws {@link MessageNotFoundException} for {@code messageId}. */
  public static MessageNotFoundException assertMessageNotFound(ThrowingCallable call, String messageId) {
    MessageNotFoundException e = thrown(call, MessageNotFoundException.class);
    assertThat(e.id()).isEqualTo(messageId);
    return e;
  }

  /** The call throws an exception of {@code type} (a subclass counts). */
  public static <T extends Throwable> T thrown(ThrowingCallable call, Class<T> type) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("thrown by the call").isInstanceOf(type);
    return type.cast(t);
  }
}

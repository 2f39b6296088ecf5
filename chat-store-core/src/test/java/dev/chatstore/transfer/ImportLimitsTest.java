package dev.chatstore.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.InvalidInputException;
import dev.chatstore.MediaPart;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PartLimits;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.StoreLimits;
import dev.chatstore.internal.memory.InMemorySessionStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An import is held to the limits of the store it writes to, exactly as an append is, and names the message. */
class ImportLimitsTest {
  private static final int INLINE_LIMIT = 100;

  @Test
  void aMessagePastTheStoresPartLimitsIsRefusedAsAnAppendIsAndNothingStays() {
    String exported;
    String sessionId;
    try (SessionStore roomy = SessionStore.inMemory()) {
      ChatSession s = roomy.createSession(NewSession.forOwner("o").build());
      sessionId = s.id();
      roomy.appendAll(s.id(), List.of(NewMessage.user("one"), NewMessage.user("two"), NewMessage.user("three"),
          NewMessage.builder(Role.USER).content("four")
              .part(MediaPart.inline("image/png", new byte[INLINE_LIMIT + 1])).build()));
      exported = SessionExporter.of(roomy).exportToString(s.id(), ExportFormat.JSONL);
    }
    StoreLimits small = StoreLimits.defaults().withParts(new PartLimits(PartLimits.DEFAULT_MAX_PARTS,
        PartLimits.DEFAULT_MAX_PART_CHARS, INLINE_LIMIT, PartLimits.DEFAULT_MAX_MESSAGE_SIZE));
    try (SessionStore strict = InMemorySessionStore.builder().limits(small).build()) {
      InvalidInputException onAppend = refusal(() -> strict.appendAll(
          strict.createSession(NewSession.forOwner("other").build()).id(),
          List.of(NewMessage.builder(Role.USER).part(MediaPart.inline("image/png", new byte[INLINE_LIMIT + 1])).build())));

      InvalidInputException onImport = refusal(() -> SessionImporter.builder(strict).batchSize(2).build()
          .importSession(ImportSource.of(exported), ImportOptions.defaults()));

      assertThat(onImport.field()).isEqualTo("messages[3].parts[1].bytes"); // the export's 4th message, not the batch's 2nd
      assertThat(onAppend.field()).isEqualTo("messages[0].parts[0].bytes");
      assertThat(onImport.reason()).isEqualTo(onAppend.reason()).contains("limit of " + INLINE_LIMIT);
      assertThat(strict.findSession(sessionId)).isEmpty();
    }
  }

  private static InvalidInputException refusal(Runnable call) {
    try {
      call.run();
    } catch (InvalidInputException e) {
      return e;
    }
    throw new AssertionError("not refused");
  }
}

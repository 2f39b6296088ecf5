package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.FlushPolicy;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.StreamOptions;
import dev.chatstore.TextPart;
import dev.chatstore.transfer.ExportFormat;
import dev.chatstore.transfer.ImportOptions;
import dev.chatstore.transfer.ImportSource;
import dev.chatstore.transfer.SessionExporter;
import dev.chatstore.transfer.SessionImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream's two channels in the file store: reasoning (with its signature) beside the answer text, and
 * attached parts, read back as {@code StreamDelta.parts()} lays them out mid-stream, after complete,
 * after close() (INTERRUPTED), after recovery of a stream whose process died, after reopening the
 * folder, and in a fork's copy and an export. The session's preview follows the answer text only.
 */
class StreamChannelsFileTest {
  private static final Instant T = Instant.parse("2026-12-02T10:00:00.000001Z");
  /** Writes only on flush(), complete() or close(): what a test reads mid-stream is what it flushed. */
  private static final FlushPolicy ON_FLUSH_ONLY =
      new FlushPolicy(1 << 20, Duration.ofDays(1), 1 << 20, FlushPolicy.DEFAULT_BACKPRESSURE_TIMEOUT);
  private static final String SIGNATURE = "EqQB+/=\u0001opaque";
  private static final MediaPart IMAGE = MediaPart.inline("image/png", V2Messages.ALL_BYTES).withFileName("route.png");
  private static final MediaPart LINK = MediaPart.reference("application/pdf", "https://example.org/Z\u00fcrich/plan%20B.pdf?x=#p");

  @TempDir
  Path temp;

  private FileSessionStore open(Path folder) {
    return FileSessionStore.builder(folder).clock(Clock.fixed(T, ZoneOffset.UTC)).open();
  }

  private static MessageStream stream(SessionStore store) {
    store.createSession(NewSession.forOwner("me").id("s").title("Route").build());
    return store.openStream("s", StreamOptions.assistant().withMessageId("m").withFlushPolicy(ON_FLUSH_ONLY));
  }

  /** Everything {@link #streamAll} streams, as parts: reasoning first, then the text, then the attachments. */
  private static List<Part> allParts() {
    return List.of(ReasoningPart.signed("The user wants a map.", SIGNATURE), new TextPart("Here is the route."),
        IMAGE, LINK);
  }

  /** Streams all of {@link #allParts()} in two flushes, the chunks of each channel interleaved. */
  private static void streamAll(MessageStream stream) {
    stream.appendReasoning("The user wants ").append("Here is ");
    stream.flush();
    stream.appendReasoning("a map.").signReasoning("an older signature").addPart(IMAGE).append("the route.")
        .addPart(LINK).signReasoning(SIGNATURE);
    stream.flush();
  }

  private static String preview(SessionStore store) {
    return store.listSessions(SessionQuery.of("me")).items().get(0).preview();
  }

  @Test
  void bothChannelsAndTheAttachmentsReadBackMidStreamAfterCompleteAndAfterReopening() {
    Path folder = temp.resolve("chats");
    Message done;
    try (FileSessionStore store = open(folder)) {
      try (MessageStream stream = stream(store)) {
        stream.appendReasoning("The user wants ").append("Here is ");
        stream.flush();
        Message early = store.getMessage("s", "m");
        assertThat(early.status()).isEqualTo(MessageStatus.STREAMING);
        assertThat(early.parts()).containsExactly(new ReasoningPart("The user wants "), new TextPart("Here is "));

        stream.appendReasoning("a map.").signReasoning("an older signature").addPart(IMAGE).append("the route.")
            .addPart(LINK).signReasoning(SIGNATURE);
        stream.flush();
        Message mid = store.getMessage("s", "m");
        assertThat(mid.status()).isEqualTo(MessageStatus.STREAMING);
        assertThat(mid.parts()).isEqualTo(allParts());
        assertThat(mid.content()).isEqualTo("Here is the route.");
        assertThat(preview(store)).as("a running stream does not move the preview").isEmpty();

        done = stream.complete();
      }
      assertThat(done.status()).isEqualTo(MessageStatus.COMPLETE);
      assertThat(done.parts()).isEqualTo(allParts());
      assertThat(store.getMessage("s", "m")).isEqualTo(done);
      assertThat(preview(store)).isEqualTo("Here is the route.");
    }
    try (FileSessionStore store = open(folder)) {
      assertThat(store.getMessage("s", "m")).isEqualTo(done);
      assertThat(preview(store)).isEqualTo("Here is the route.");
      assertThat(store.searchMessages("me", "user wants", PageRequest.first(10)).items())
          .as("reasoning is not searched").isEmpty();
      assertThat(store.searchMessages("me", "the route", PageRequest.first(10)).items()).containsExactly(done);
    }
  }

  @Test
  void closeWithoutCompleteKeepsBothChannelsAndMarksTheMessageInterrupted() {
    Path folder = temp.resolve("chats");
    try (FileSessionStore store = open(folder)) {
      MessageStream stream = stream(store);
      streamAll(stream);
      stream.appendReasoning(" Then stop.").append(" Almost").addPart(IMAGE); // not flushed: close writes it
      stream.close();

      Message closed = store.getMessage("s", "m");
      assertThat(closed.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(closed.parts()).containsExactly(ReasoningPart.signed("The user wants a map. Then stop.", SIGNATURE),
          new TextPart("Here is the route. Almost"), IMAGE, LINK, IMAGE);
    }
    try (FileSessionStore store = open(folder)) {
      Message reopened = store.getMessage("s", "m");
      assertThat(reopened.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(reopened.parts()).hasSize(5).startsWith(ReasoningPart.signed("The user wants a map. Then stop.",
          SIGNATURE));
      assertThat(preview(store)).isEqualTo("Here is the route. Almost");
    }
  }

  /** The session file as a process that died mid-stream left it, copied into a folder of its own. */
  private Path abandonedCopy() throws IOException {
    Path folder = temp.resolve("chats");
    Path crashed = temp.resolve("crashed");
    try (FileSessionStore store = open(folder)) {
      MessageStream stream = stream(store);
      streamAll(stream);
      Files.createDirectories(crashed.resolve("sessions"));
      Files.copy(folder.resolve("sessions").resolve("s.jsonl"), crashed.resolve("sessions").resolve("s.jsonl"));
      stream.close();
    }
    return crashed;
  }

  @Test
  void aStreamWhoseProcessDiedComesBackInterruptedWithBothChannelsWhenTheFolderIsReopened() throws IOException {
    Path crashed = abandonedCopy();
    try (FileSessionStore store = open(crashed)) {
      Message recovered = store.getMessage("s", "m");
      assertThat(recovered.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(recovered.parts()).isEqualTo(allParts());
      assertThat(preview(store)).isEqualTo("Here is the route.");
    }
  }

  @Test
  void recoverAbandonedStreamsKeepsBothChannels() throws IOException {
    Path crashed = abandonedCopy();
    try (FileSessionStore store = FileSessionStore.builder(crashed).clock(Clock.fixed(T, ZoneOffset.UTC))
        .recoverStreamsIdleFor(Duration.ofDays(1)).open()) {
      Message left = store.getMessage("s", "m");
      assertThat(left.status()).as("not idle for a day yet").isEqualTo(MessageStatus.STREAMING);
      assertThat(left.parts()).isEqualTo(allParts());

      assertThat(store.recoverAbandonedStreams(Duration.ZERO)).isEqualTo(1);
      Message recovered = store.getMessage("s", "m");
      assertThat(recovered.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(recovered.parts()).isEqualTo(allParts());
    }
    try (FileSessionStore store = open(crashed)) {
      assertThat(store.getMessage("s", "m").parts()).isEqualTo(allParts());
    }
  }

  @Test
  void aForkCopiesTheChannelsOfAStreamingAndOfAnInterruptedMessage() throws IOException {
    Path folder = temp.resolve("chats");
    ChatSession ofStreaming;
    try (FileSessionStore store = open(folder)) {
      MessageStream stream = stream(store);
      streamAll(stream);
      ofStreaming = store.fork("s", "m", "while streaming");
      stream.close();
      ChatSession ofInterrupted = store.fork("s", "m", "after close");

      for (ChatSession fork : List.of(ofStreaming, ofInterrupted)) {
        Message copy = store.recentMessages(fork.id(), 1).get(0);
        assertThat(copy.status()).isEqualTo(MessageStatus.INTERRUPTED);
        assertThat(copy.parts()).isEqualTo(allParts());
        assertThat(copy.content()).isEqualTo("Here is the route.");
        assertThat(Files.readAllLines(folder.resolve("sessions").resolve(fork.id() + ".jsonl")).get(0))
            .isEqualTo("{\"format\":\"chat-store-session\",\"version\":2}");
      }
    }
    try (FileSessionStore store = open(folder)) {
      assertThat(store.recentMessages(ofStreaming.id(), 1).get(0).parts()).isEqualTo(allParts());
    }
  }

  @Test
  void anExportOfAStreamingMessageHoldsItsChannelsAndImportsBackInterrupted() {
    try (FileSessionStore store = open(temp.resolve("chats"))) {
      MessageStream stream = stream(store);
      streamAll(stream);
      String export = SessionExporter.of(store).exportToString("s", ExportFormat.JSONL);
      stream.close();

      try (SessionStore other = SessionStore.inMemory()) {
        SessionImporter.of(other).importSession(ImportSource.of(export), ImportOptions.defaults());
        Message imported = other.getMessage("s", "m");
        assertThat(imported.status()).isEqualTo(MessageStatus.INTERRUPTED);
        assertThat(imported.parts()).isEqualTo(allParts());
      }
    }
  }
}

package dev.chatstore.testkit;

import static dev.chatstore.testkit.ContractAssertions.assertConflict;
import static dev.chatstore.testkit.StreamChannelFixtures.reasoning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ConflictException.Reason;
import dev.chatstore.FlushPolicy;
import dev.chatstore.InlineBytes;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.PageRequest;
import dev.chatstore.Part;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.StreamOptions;
import dev.chatstore.TextPart;
import dev.chatstore.ToolCall;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stream's two channels (answer text and reasoning, with the reasoning's signature) and the parts
 * attached to it: every read shows them as [reasoning] [text] then the attachments in the order added,
 * mid-stream once flushed and after each ending; content is the answer text alone, and search never
 * matches what streamed as reasoning. Limits and half characters: {@link StreamChannelLimitsContract};
 * copies (fork, export, another instance): {@link StreamChannelCopiesContract}; a crash: {@code CrashContract}.
 */
public abstract class StreamChannelsContract extends ContractArea {

  protected StreamChannelsContract(SessionStoreContract contract) {
    super(contract);
  }

  private Message stored(MessageStream stream) {
    return store().getMessage(stream.sessionId(), stream.messageId());
  }

  @Test
  void bothChannelsInterleavedReadBackExactlyFromEveryRead() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("question"));
    StringBuilder thought = new StringBuilder();
    StringBuilder answer = new StringBuilder();
    Message done;
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      List<String> tricky = HostileText.tricky();
      for (int i = 0; i < tricky.size(); i++) {
        String r = tricky.get(i);
        String t = "answer " + i + " " + tricky.get(tricky.size() - 1 - i);
        stream.appendReasoning(r).append(t);
        thought.append(r);
        answer.append(t);
      }
      done = stream.complete();
    }
    store().append(s.id(), NewMessage.user("after"));

    assertThat(done.parts()).containsExactly(reasoning(thought.toString()), new TextPart(answer.toString()));
    assertThat(done.content()).isEqualTo(answer.toString());
    assertThat(done.status()).isEqualTo(MessageStatus.COMPLETE);
    assertThat(store().getMessage(s.id(), done.id())).isEqualTo(done);
    assertThat(store().findMessage(s.id(), done.id())).contains(done);
    assertThat(allMessages(s.id()).get(1)).isEqualTo(done);
    assertThat(store().recentMessages(s.id(), 2).get(0)).isEqualTo(done);
  }

  @Test
  void flushMakesBothChannelsDurableAndReadersSeeThemStreaming() {
    ChatSession s = newSession();
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      stream.appendReasoning("Think").append("Ans").appendReasoning("ing.").signReasoning("sig-1").append("wer");
      stream.flush();

      List<Part> first = List.of(reasoning("Thinking.", "sig-1"), new TextPart("Answer"));
      Message mid = store().findMessage(s.id(), stream.messageId()).orElseThrow();
      assertThat(mid.status()).isEqualTo(MessageStatus.STREAMING);
      assertThat(mid.parts()).isEqualTo(first);
      assertThat(mid.content()).isEqualTo("Answer");
      Message paged = store().messages(s.id(), MessageQuery.latest(10)).items().get(0);
      assertThat(paged).isEqualTo(mid);

      stream.appendReasoning(" More.").append(", more");
      stream.flush();
      Message later = stored(stream);
      assertThat(later.status()).isEqualTo(MessageStatus.STREAMING);
      assertThat(later.parts()).containsExactly(reasoning("Thinking. More.", "sig-1"), new TextPart("Answer, more"));

      Message done = stream.complete();
      assertThat(done.parts()).isEqualTo(later.parts());
      assertThat(done.status()).isEqualTo(MessageStatus.COMPLETE);
    }
  }

  @Test
  void completeFailAndCloseEachKeepBothChannels() {
    ChatSession s = newSession();
    MessageMetadata initial = MessageMetadata.builder().model("m-1").build();
    StreamOptions options = StreamOptions.assistant().withMetadata(initial);
    List<Part> expected = List.of(reasoning("flushed thought, unflushed thought", "sig"),
        new TextPart("flushed text, unflushed text"));
    for (int ending = 0; ending < 3; ending++) {
      MessageStream stream = store().openStream(s.id(), options);
      stream.appendReasoning("flushed thought").append("flushed text").signReasoning("sig");
      stream.flush();
      stream.appendReasoning(", unflushed thought").append(", unflushed text");

      Message ended = switch (ending) {
        case 0 -> stream.complete();
        case 1 -> stream.fail("upstream timeout");
        default -> {
          stream.close();
          yield stored(stream);
        }
      };

      MessageStatus status = List.of(MessageStatus.COMPLETE, MessageStatus.ERROR, MessageStatus.INTERRUPTED)
          .get(ending);
      assertThat(ended.status()).as("ending %d", ending).isEqualTo(status);
      assertThat(ended.parts()).as("ending %d", ending).isEqualTo(expected);
      assertThat(ended.content()).isEqualTo("flushed text, unflushed text");
      assertThat(ended.metadata()).isEqualTo(ending == 1 ? initial.withError("upstream timeout") : initial);
      assertThat(stored(stream)).isEqualTo(ended);
    }
  }

  @Test
  void theSignatureIsKeptExactlyAndTheLatestOneWins() {
    ChatSession s = newSession();
    forEachInput(StreamChannelFixtures.signatures(), signature -> {
      MessageStream unflushed = store().openStream(s.id(), Role.ASSISTANT);
      unflushed.appendReasoning("r").signReasoning("first").signReasoning(signature).append("t");
      Message done = unflushed.complete();
      assertThat(done.parts()).containsExactly(reasoning("r", signature), new TextPart("t"));
      assertThat(stored(unflushed)).isEqualTo(done);

      MessageStream replaced = store().openStream(s.id(), Role.ASSISTANT);
      replaced.appendReasoning("r").signReasoning("flushed first");
      replaced.flush();
      replaced.signReasoning(signature);
      replaced.flush();
      assertThat(stored(replaced).parts()).containsExactly(reasoning("r", signature));
      replaced.close();
      assertThat(stored(replaced).parts()).containsExactly(reasoning("r", signature));
    });
  }

  @Test
  void aSignatureAloneStillMakesAReasoningPart() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.signReasoning(PartFixtures.SIGNATURE).append("answer");

    Message done = stream.complete();

    assertThat(done.parts()).containsExactly(reasoning("", PartFixtures.SIGNATURE), new TextPart("answer"));
    assertThat(stored(stream)).isEqualTo(done);
  }

  @Test
  void attachedPartsFollowTheStreamedChannelsInTheOrderAdded() {
    ChatSession s = newSession();
    Part image = MediaPart.reference("image/png", PartFixtures.NON_ASCII_URI).withFileName("chart ü.png");
    Part inline = MediaPart.inline("image/png", PartFixtures.allBytes());
    Part encrypted = ReasoningPart.encrypted("summary", PartFixtures.encryptedPayload());
    ToolCall call = new ToolCall("call_1", "render", "{\"chart\":true}");
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      stream.addPart(image).appendReasoning("thinking").append("Here it is");
      stream.flush();
      assertThat(stored(stream).parts()).as("mid-stream")
          .containsExactly(reasoning("thinking"), new TextPart("Here it is"), image);

      stream.addPart(inline).append(".").addToolCall(call).addPart(encrypted).appendReasoning(" done");
      Message done = stream.complete();

      assertThat(done.parts()).containsExactly(reasoning("thinking done"), new TextPart("Here it is."), image, inline,
          encrypted);
      assertThat(done.content()).isEqualTo("Here it is.");
      assertThat(done.toolCalls()).containsExactly(call);
      assertThat(((MediaPart) done.parts().get(3)).bytes().map(InlineBytes::toByteArray))
          .hasValue(PartFixtures.allBytes());
      assertThat(((ReasoningPart) done.parts().get(4)).encrypted()).contains(PartFixtures.encryptedPayload());
      assertThat(stored(stream)).isEqualTo(done);
    }
  }

  @Test
  void partsAttachedWithoutStreamedTextComeAlone() {
    ChatSession s = newSession();
    Part image = MediaPart.inline("image/gif", new byte[] {71, 73, 70, 0, -1});
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.addPart(image);
    stream.flush();
    assertThat(stored(stream).parts()).containsExactly(image);

    stream.close();

    Message m = stored(stream);
    assertThat(m.status()).isEqualTo(MessageStatus.INTERRUPTED);
    assertThat(m.parts()).containsExactly(image);
    assertThat(m.content()).isEmpty();
  }

  @Test
  void aTextOnlyStreamIsOneTextPartAsBefore() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.append("Hel").appendReasoning("").append("lo");
    stream.flush();
    assertThat(stored(stream).parts()).as("empty reasoning adds nothing").containsExactly(new TextPart("Hello"));

    Message done = stream.append(", world").complete();

    assertThat(done.parts()).containsExactly(new TextPart("Hello, world"));
    assertThat(stored(stream).parts()).containsExactly(new TextPart("Hello, world"));
    MessageStream empty = store().openStream(s.id(), Role.ASSISTANT);
    empty.close();
    assertThat(stored(empty).parts()).isEmpty();
  }

  @Test
  void everyChannelCallAfterTheEndIsAStreamClosedConflict() {
    ChatSession s = newSession();
    for (int ending = 0; ending < 3; ending++) {
      MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
      stream.appendReasoning("r").append("t").signReasoning("sig");
      switch (ending) {
        case 0 -> stream.complete();
        case 1 -> stream.fail("boom");
        default -> stream.close();
      }
      Message ended = stored(stream);

      assertConflict(() -> stream.appendReasoning("more"), Reason.STREAM_CLOSED);
      assertConflict(() -> stream.signReasoning("other"), Reason.STREAM_CLOSED);
      assertConflict(() -> stream.addPart(MediaPart.reference("image/png", "https://x/y.png")), Reason.STREAM_CLOSED);
      assertConflict(() -> stream.addPart(Part.reasoning("late")), Reason.STREAM_CLOSED);
      // whatever the arguments: "Any call after the end throws ConflictException (STREAM_CLOSED)"
      assertConflict(() -> stream.appendReasoning(null), Reason.STREAM_CLOSED);
      assertConflict(() -> stream.append(null), Reason.STREAM_CLOSED);
      assertConflict(() -> stream.signReasoning(null), Reason.STREAM_CLOSED);
      assertConflict(() -> stream.addPart(null), Reason.STREAM_CLOSED);
      assertConflict(() -> stream.addToolCall(null), Reason.STREAM_CLOSED);
      assertConflict(() -> stream.complete(null), Reason.STREAM_CLOSED);
      assertConflict(() -> stream.fail(null), Reason.STREAM_CLOSED);

      assertThat(stored(stream)).as("ending %d", ending).isEqualTo(ended);
      assertThat(ended.parts()).containsExactly(reasoning("r", "sig"), new TextPart("t"));
    }
  }

  @Test
  void searchMatchesTheAnswerButNeverWhatStreamedAsReasoning() {
    ChatSession s = newSession();
    MessageStream stream = store().openStream(s.id(), Role.ASSISTANT);
    stream.appendReasoning("a zebra in the reasoning").signReasoning("lemur-signature").append("a giraffe in text")
        .addPart(MediaPart.reference("image/png", "https://zoo/okapi.png").withFileName("okapi.png"));
    stream.flush();
    assertThat(search("zebra")).as("mid-stream").isEmpty();

    Message done = stream.complete();

    assertThat(search("GIRAFFE")).containsExactly(done);
    for (String word : List.of("zebra", "lemur", "okapi")) {
      assertThat(search(word)).as("search for %s, which only the reasoning or a part holds", word).isEmpty();
    }
  }

  private List<Message> search(String text) {
    return store().searchMessages(OWNER, text, PageRequest.first(PageRequest.MAX_LIMIT)).items();
  }

  @Test
  void theSizeTriggerCountsBothChannelsTogether() {
    ChatSession s = newSession();
    FlushPolicy bySizeOnly = FlushPolicy.defaults().withMaxBufferedChars(8).withMaxDelay(Duration.ofHours(1));
    try (MessageStream stream = store().openStream(s.id(), StreamOptions.assistant().withFlushPolicy(bySizeOnly))) {
      stream.appendReasoning("1234").append("5678"); // neither channel alone has 8 chars waiting

      Waiting.waitFor("the size trigger to write both channels", () -> stored(stream).status() == MessageStatus.STREAMING);

      assertThat(stored(stream).parts()).containsExactly(reasoning("1234"), new TextPart("5678"));
      stream.complete();
    }
  }

  @Test
  void smallBuffersAndBackPressureKeepBothChannelsExact() {
    ChatSession s = newSession();
    StreamOptions options = StreamOptions.assistant()
        .withFlushPolicy(FlushPolicy.defaults().withMaxBufferedChars(16).withMaxPendingChars(64));
    StringBuilder thought = new StringBuilder();
    StringBuilder answer = new StringBuilder();
    try (MessageStream stream = store().openStream(s.id(), options)) {
      for (int i = 0; i < 300; i++) {
        String r = "r" + i + (i % 5 == 0 ? "😀 " : " ");
        String t = "w" + i + " ";
        stream.appendReasoning(r);
        thought.append(r);
        if (i % 3 != 0) {
          stream.append(t);
          answer.append(t);
        }
      }
      stream.flush();
      assertThat(stored(stream).parts()).containsExactly(reasoning(thought.toString()), new TextPart(answer.toString()));
      stream.complete();
    }
  }
}

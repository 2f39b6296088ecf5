package dev.chatstore.testkit;

import static dev.chatstore.testkit.StreamChannelFixtures.reasoning;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.ChatStoreException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import dev.chatstore.TextPart;
import dev.chatstore.transfer.ExportFormat;
import dev.chatstore.transfer.ImportOptions;
import dev.chatstore.transfer.ImportResult;
import dev.chatstore.transfer.ImportSource;
import dev.chatstore.transfer.SessionExporter;
import dev.chatstore.transfer.SessionImporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What streamed on both channels, with its attached parts, is kept wherever the message goes: a fork,
 * an export imported back, another instance reading mid-stream or recovering the stream, a reopen.
 */
public abstract class StreamChannelCopiesContract extends ContractArea {

  protected StreamChannelCopiesContract(SessionStoreContract contract) {
    super(contract);
  }

  @Test
  void aForkCopiesAFinishedTwoChannelMessageWithItsParts() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("draw a chart"));
    Message done = StreamChannelFixtures.twoChannelReply(store(), s.id());

    ChatSession fork = store().fork(s.id(), done.id(), "branch");

    List<Message> copied = allMessages(fork.id());
    assertThat(copied).hasSize(2);
    Message copy = copied.get(1);
    assertThat(copy.id()).isNotEqualTo(done.id());
    assertThat(copy.parts()).isEqualTo(done.parts());
    assertThat(copy.content()).isEqualTo(done.content());
    assertThat(copy.toolCalls()).isEqualTo(done.toolCalls());
    assertThat(copy.status()).isEqualTo(done.status());
    assertThat(store().getMessage(fork.id(), copy.id())).isEqualTo(copy);
  }

  @Test
  void aForkTakenMidStreamCopiesTheFlushedChannelsAsInterrupted() {
    ChatSession s = newSession();
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      stream.appendReasoning("flushed thought").signReasoning("sig").append("flushed text");
      stream.flush();

      ChatSession fork = store().fork(s.id(), stream.messageId(), "mid-stream");

      Message copy = allMessages(fork.id()).get(0);
      assertThat(copy.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(copy.parts()).containsExactly(reasoning("flushed thought", "sig"), new TextPart("flushed text"));
      Message done = stream.appendReasoning(" and more").complete();
      assertThat(done.parts()).containsExactly(reasoning("flushed thought and more", "sig"),
          new TextPart("flushed text"));
      assertThat(store().getMessage(fork.id(), copy.id())).as("the stream writes to the original only")
          .isEqualTo(copy);
    }
  }

  @Test
  void anExportOfTwoChannelMessagesImportsBackIdentically() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("draw a chart"));
    StreamChannelFixtures.twoChannelReply(store(), s.id());
    MessageStream interrupted = store().openStream(s.id(), Role.ASSISTANT);
    interrupted.appendReasoning("cut ").append("short").signReasoning("sig");
    interrupted.close();
    List<Message> before = allMessages(s.id());
    SessionExporter exporter = SessionExporter.of(store());
    SessionImporter importer = SessionImporter.of(store());

    for (ExportFormat format : List.of(ExportFormat.JSON, ExportFormat.JSONL)) {
      String export = exporter.exportToString(s.id(), format);

      ImportResult replaced = importer.importSession(ImportSource.of(export), ImportOptions.defaults().replacingExisting());
      assertThat(replaced.replaced()).isTrue();
      assertThat(allMessages(s.id())).as("%s with its ids", format).map(m -> exported(m, true))
          .isEqualTo(before.stream().map(m -> exported(m, true)).toList());

      ImportResult copy = importer.importSession(ImportSource.of(export), ImportOptions.defaults().withFreshIds()
          .withoutKey());
      assertThat(allMessages(copy.session().id())).as("%s with fresh ids", format).map(m -> exported(m, false))
          .isEqualTo(before.stream().map(m -> exported(m, false)).toList());
    }
  }

  /**
   * What an export holds of a message: all but its session id and updatedAt, which the importing
   * store assigns (docs/EXPORT-FORMAT.md), and its id if the import made fresh ones.
   */
  private static List<Object> exported(Message m, boolean withId) {
    List<Object> fields = new ArrayList<>(List.of(m.seq(), m.role(), m.parts(), m.content(), m.status(), m.toolCalls(),
        m.toolResults(), m.metadata(), m.attributesJson(), m.name(), m.createdAt()));
    if (withId) {
      fields.add(m.id());
    }
    return fields;
  }

  @Test
  void anotherInstanceReadsBothChannelsMidStream() {
    SessionStore second = secondInstance();
    ChatSession s = newSession();
    try (MessageStream stream = store().openStream(s.id(), Role.ASSISTANT)) {
      stream.appendReasoning("thinking").signReasoning(PartFixtures.SIGNATURE).append("answer");
      stream.flush();

      Message seen = second.getMessage(s.id(), stream.messageId());
      assertThat(seen.status()).isEqualTo(MessageStatus.STREAMING);
      assertThat(seen.parts()).containsExactly(reasoning("thinking", PartFixtures.SIGNATURE), new TextPart("answer"));
      assertThat(seen.content()).isEqualTo("answer");

      Message done = stream.appendReasoning(" more").complete();
      assertThat(second.getMessage(s.id(), stream.messageId())).isEqualTo(done);
    }
  }

  @Test
  void aStreamRecoveredByAnotherInstanceKeepsBothChannels() {
    SessionStore second = secondInstance();
    ChatSession s = newSession();
    MessageStream abandoned = store().openStream(s.id(), Role.ASSISTANT);
    abandoned.appendReasoning("kept thought").append("kept text").signReasoning("kept-sig");
    abandoned.flush();
    tick();

    assertThat(second.recoverAbandonedStreams(Duration.ofMillis(1))).isEqualTo(1);

    for (SessionStore reader : List.of(store(), second)) {
      Message m = reader.getMessage(s.id(), abandoned.messageId());
      assertThat(m.status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(m.parts()).containsExactly(reasoning("kept thought", "kept-sig"), new TextPart("kept text"));
    }
    try {
      abandoned.close();
    } catch (ChatStoreException unspecified) {
      // what a stream does after another instance recovered its message is not specified; only end it
    }
  }

  @Test
  void finishedAndInterruptedTwoChannelMessagesComeBackAfterAReopen() {
    requires(StoreCapability.REOPEN);
    ChatSession s = newSession();
    StreamChannelFixtures.twoChannelReply(store(), s.id());
    MessageStream closed = store().openStream(s.id(), Role.ASSISTANT);
    closed.appendReasoning("r").append("t");
    closed.close();
    List<Message> before = allMessages(s.id());

    SessionStore reopened = reopen();

    assertThat(allMessages(reopened, s.id())).isEqualTo(before);
  }
}

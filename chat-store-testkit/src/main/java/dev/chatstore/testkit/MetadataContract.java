package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.MessageStream;
import dev.chatstore.MessageUpdate;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionUpdate;
import dev.chatstore.StreamOptions;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Typed chat and message metadata, with host extensions and fields unknown to this version, come back
 * equal through every way of writing them.
 */
public abstract class MetadataContract extends ContractArea {

  protected MetadataContract(SessionStoreContract contract) {
    super(contract);
  }

  @Test
  void chatMetadataRoundTripsThroughCreateUpdateAndFork() {
    ChatMetadata full = Fixtures.fullChatMetadata();
    ChatSession s = store().createSession(NewSession.forOwner(OWNER).metadata(full).build());
    assertThat(store().getSession(s.id()).metadata()).isEqualTo(full);

    ChatMetadata changed = full.withExtension(Fixtures.RETRIEVAL,
        new Fixtures.RetrievalSettings("kb-2", 3, List.of()));
    store().updateSession(s.id(), 1, SessionUpdate.metadata(changed));
    ChatMetadata read = store().getSession(s.id()).metadata();

    assertThat(read).isEqualTo(changed);
    assertThat(read.extension(Fixtures.RETRIEVAL)).contains(new Fixtures.RetrievalSettings("kb-2", 3, List.of()));
    assertThat(read.unknownFields()).isEqualTo(full.unknownFields());
    assertThat(read.references()).isEqualTo(full.references());

    String m = store().append(s.id(), NewMessage.user("x")).id();
    assertThat(store().fork(s.id(), m).metadata()).isEqualTo(changed);
  }

  @Test
  void emptyMetadataStaysEmpty() {
    ChatSession s = newSession();
    Message m = store().append(s.id(), NewMessage.user("x"));
    assertThat(store().getSession(s.id()).metadata()).isEqualTo(ChatMetadata.empty());
    assertThat(store().getMessage(s.id(), m.id()).metadata()).isEqualTo(MessageMetadata.empty());
  }

  @Test
  void messageMetadataRoundTripsThroughEveryWrite() {
    MessageMetadata full = Fixtures.fullMessageMetadata();
    ChatSession s = newSession();

    Message appended = store().append(s.id(), NewMessage.builder(Role.ASSISTANT).metadata(full).build());
    Message batched = store().appendAll(s.id(),
        List.of(NewMessage.builder(Role.ASSISTANT).metadata(full).build())).get(0);
    Message completed;
    try (MessageStream stream = store().openStream(s.id(), StreamOptions.assistant().withMetadata(full))) {
      assertThat(store().getMessage(s.id(), stream.messageId()).metadata()).isEqualTo(full);
      completed = stream.append("x").complete();
    }
    Message replaced = store().openStream(s.id(), Role.ASSISTANT).complete(full);
    Message plain = store().append(s.id(), NewMessage.assistant("y"));
    Message updated = store().updateMessage(s.id(), plain.id(), MessageUpdate.metadata(full));

    for (Message m : List.of(appended, batched, completed, replaced, updated)) {
      assertThat(m.metadata()).isEqualTo(full);
      assertThat(store().getMessage(s.id(), m.id()).metadata()).isEqualTo(full);
    }
  }

  @Test
  void everyTypedFieldSurvives() {
    MessageMetadata full = Fixtures.fullMessageMetadata();
    ChatSession s = newSession();
    MessageMetadata read = store().getMessage(s.id(),
        store().append(s.id(), NewMessage.builder(Role.ASSISTANT).metadata(full).build()).id()).metadata();

    assertThat(read.model()).contains("gpt-test-1");
    assertThat(read.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isEqualTo(1801));
    assertThat(read.finishReason()).contains("stop");
    assertThat(read.latency()).contains(Duration.ofMillis(1500));
    assertThat(read.routines()).containsExactly("summarize", "cite-sources");
    assertThat(read.toolsCalled()).containsExactly("search");
    assertThat(read.executionState()).isEqualTo(full.executionState());
    assertThat(read.extensions()).isEqualTo(full.extensions());
    assertThat(read.unknownFields()).isEqualTo(full.unknownFields());
    assertThat(read.error()).isEmpty();
  }

  @Test
  void aFailedStreamAddsTheErrorToTheRestOfTheMetadata() {
    MessageMetadata full = Fixtures.fullMessageMetadata();
    ChatSession s = newSession();
    Message failed = store().openStream(s.id(), StreamOptions.assistant().withMetadata(full)).fail("rate limited");
    assertThat(store().getMessage(s.id(), failed.id()).metadata()).isEqualTo(full.withError("rate limited"));
  }
}

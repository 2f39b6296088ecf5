package dev.chatstore.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.InlineBytes;
import dev.chatstore.MediaPart;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.Part;
import dev.chatstore.PageRequest;
import dev.chatstore.ReasoningPart;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.TextPart;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A message's parts, attributes and participant name come back exactly as appended through every
 * read (getMessage, a page, recent messages, a search hit, a fork, another instance, a reopen), part
 * types and fields of a newer version included; {@code content()} is the text parts alone, and search
 * matches text parts only.
 */
public abstract class PartsContract extends ContractArea {

  protected PartsContract(SessionStoreContract contract) {
    super(contract);
  }

  /** {@code m} holds exactly what {@link PartFixtures#everything()} gave, whatever read returned it. */
  private static void assertEverything(Message m, NewMessage n) {
    assertThat(m.id()).isEqualTo(n.id());
    assertThat(m.parts()).containsExactlyElementsOf(PartFixtures.everyPart());
    assertThat(m.content()).isEqualTo(PartFixtures.everyPartContent());
    assertThat(m.attributesJson()).isEqualTo(PartFixtures.ATTRIBUTES_CANONICAL);
    assertThat(m.name()).contains(PartFixtures.NAME);
    assertThat(m.toolCalls()).isEqualTo(n.toolCalls());
    assertThat(m.metadata()).isEqualTo(n.metadata());
    MediaPart inline = (MediaPart) m.parts().get(3);
    assertThat(inline.bytes().map(InlineBytes::toByteArray)).hasValue(PartFixtures.allBytes());
    assertThat(((ReasoningPart) m.parts().get(1)).signature()).contains(PartFixtures.SIGNATURE);
    assertThat(((ReasoningPart) m.parts().get(2)).encrypted()).contains(PartFixtures.encryptedPayload());
    assertThat(((MediaPart) m.parts().get(4)).uri()).contains(PartFixtures.NON_ASCII_URI);
  }

  @Test
  void everyPartTypeReadsBackExactlyFromEveryRead() {
    ChatSession s = newSession();
    store().append(s.id(), NewMessage.user("before"));
    NewMessage n = PartFixtures.everything();

    Message appended = store().append(s.id(), n);
    store().append(s.id(), NewMessage.user("after"));

    assertEverything(appended, n);
    assertThat(store().getMessage(s.id(), n.id())).isEqualTo(appended);
    assertThat(allMessages(s.id()).get(1)).isEqualTo(appended);
    assertThat(store().recentMessages(s.id(), 2).get(0)).isEqualTo(appended);
    List<Message> hits = store().searchMessages(OWNER, PartFixtures.NEEDLE, PageRequest.first(10)).items();
    assertThat(hits).containsExactly(appended);
  }

  @Test
  void aForkCopiesPartsAttributesAndNamesExactly() {
    ChatSession s = newSession();
    NewMessage n = PartFixtures.everything();
    Message original = store().append(s.id(), n);

    ChatSession fork = store().fork(s.id(), original.id(), "branch");

    Message copy = allMessages(fork.id()).get(0);
    assertThat(copy.id()).isNotEqualTo(original.id());
    assertThat(copy.parts()).isEqualTo(original.parts());
    assertThat(copy.attributesJson()).isEqualTo(PartFixtures.ATTRIBUTES_CANONICAL);
    assertThat(copy.name()).isEqualTo(original.name());
    assertThat(copy.toolCalls()).isEqualTo(original.toolCalls());
    assertThat(copy.content()).isEqualTo(original.content());
    assertThat(store().getMessage(fork.id(), copy.id())).isEqualTo(copy);
  }

  @Test
  void unknownPartTypesAndFieldsSurviveAReadAndARewrite() {
    ChatSession s = newSession();
    Message first = store().append(s.id(), PartFixtures.everything());
    Message read = store().getMessage(s.id(), first.id());

    ChatSession other = newSession();
    Message rewritten = store().append(other.id(), NewMessage.builder(Role.ASSISTANT).parts(read.parts())
        .attributes(read.attributesJson()).name(read.name().orElseThrow()).build());
    Message forkedAgain = allMessages(store().fork(other.id(), rewritten.id()).id()).get(0);

    for (Message m : List.of(rewritten, store().getMessage(other.id(), rewritten.id()), forkedAgain)) {
      assertThat(m.parts()).isEqualTo(PartFixtures.everyPart());
      assertThat(m.parts().get(5)).isEqualTo(PartFixtures.unknownPart());
      assertThat(m.parts().get(5).unknownFields()).containsEntry("confidence", "0.950")
          .containsEntry("source", "{\"pages\":[1,2,3],\"url\":\"https://example.org/a?b=1\"}");
      assertThat(m.parts().get(6).unknownFields()).containsExactly(Map.entry("cache_control",
          "{\"type\":\"ephemeral\"}"));
      assertThat(m.attributesJson()).isEqualTo(PartFixtures.ATTRIBUTES_CANONICAL);
    }
  }

  @Test
  void partsComeBackAsGivenEvenWhereTheyLookRedundant() {
    ChatSession s = newSession();
    List<List<Part>> shapes = List.of(
        List.of(new TextPart("a"), new TextPart("b")),
        List.of(new TextPart("")),
        List.of(new TextPart("x"), new TextPart("")),
        List.of(Part.reasoning("only reasoning")),
        List.of(MediaPart.inline("image/gif", new byte[0])),
        List.of(Part.text(" spaced "), Part.text("\r\n")),
        List.of());
    for (List<Part> parts : shapes) {
      Message m = store().append(s.id(), NewMessage.builder(Role.USER).parts(parts).build());
      assertThat(store().getMessage(s.id(), m.id()).parts()).as("parts %s", parts).isEqualTo(parts);
    }
  }

  @Test
  void aPlainTextMessageIsOneTextPartWithNoAttributesOrName() {
    ChatSession s = newSession();
    Message text = store().append(s.id(), NewMessage.user("hello"));
    Message empty = store().append(s.id(), NewMessage.assistant(""));

    Message read = store().getMessage(s.id(), text.id());
    assertThat(read.parts()).containsExactly(new TextPart("hello"));
    assertThat(read.attributesJson()).isEqualTo(NewMessage.NO_ATTRIBUTES);
    assertThat(read.name()).isEmpty();
    assertThat(store().getMessage(s.id(), empty.id()).parts()).isEmpty();
    assertThat(store().getMessage(s.id(), empty.id()).content()).isEmpty();
  }

  @Test
  void contentIsTheTextPartsJoinedAndThePreviewFollowsIt() {
    ChatSession s = newSession();
    Message m = store().append(s.id(), NewMessage.builder(Role.ASSISTANT).parts(List.of(
        Part.reasoning("hidden thought "), Part.text("Hello, "), MediaPart.reference("image/png", "https://x/y.png"),
        Part.text("world."), PartFixtures.unknownPart())).build());

    assertThat(m.content()).isEqualTo("Hello, world.");
    assertThat(store().getMessage(s.id(), m.id()).content()).isEqualTo("Hello, world.");
    assertThat(store().listSessions(SessionQuery.of(OWNER)).items().get(0).preview()).isEqualTo("Hello, world.");

    Message reasoningOnly = store().append(s.id(), NewMessage.builder(Role.ASSISTANT)
        .part(Part.reasoning("only thinking")).build());
    assertThat(store().getMessage(s.id(), reasoningOnly.id()).content()).isEmpty();
    assertThat(store().listSessions(SessionQuery.of(OWNER)).items().get(0).preview()).isEmpty();
  }

  @Test
  void searchMatchesTextPartsOnly() {
    ChatSession s = newSession();
    Message text = store().append(s.id(), NewMessage.builder(Role.ASSISTANT).parts(List.of(
        Part.reasoning("zebra in reasoning"), Part.text("a giraffe in text"))).build());
    store().append(s.id(), NewMessage.builder(Role.USER)
        .part(MediaPart.reference("image/png", "https://zoo/okapi.png").withFileName("okapi.png"))
        .part(new ReasoningPart("r", Optional.of("lemur-signature"), Optional.empty(), Map.of()))
        .part(PartFixtures.unknownPart())
        .attributes("{\"animal\":\"panda\"}").name("koala").build());

    assertThat(search("GIRAFFE")).containsExactly(text);
    for (String word : List.of("zebra", "okapi", "lemur", "citation", "example.org", "panda", "koala")) {
      assertThat(search(word)).as("search for %s, which no text part holds", word).isEmpty();
    }
  }

  private List<Message> search(String text) {
    return store().searchMessages(OWNER, text, PageRequest.first(PageRequest.MAX_LIMIT)).items();
  }

  @Test
  void attributesKeepNestedJsonAndBigNumbersExactly() {
    ChatSession s = newSession();
    NewMessage n = NewMessage.builder(Role.USER).content("x").attributes(PartFixtures.ATTRIBUTES).build();
    assertThat(n.attributesJson()).isEqualTo(PartFixtures.ATTRIBUTES_CANONICAL);

    Message m = store().append(s.id(), n);

    assertThat(m.attributesJson()).isEqualTo(PartFixtures.ATTRIBUTES_CANONICAL);
    assertThat(store().getMessage(s.id(), m.id()).attributesJson()).isEqualTo(PartFixtures.ATTRIBUTES_CANONICAL);
    assertThat(store().getMessage(s.id(), m.id()).parts()).containsExactly(new TextPart("x"));
  }

  @Test
  void aParticipantNameRoundTripsAlone() {
    ChatSession s = newSession();
    for (String name : List.of(PartFixtures.NAME, "user-42", "'; DROP TABLE messages; --", "名前 𠜎")) {
      Message m = store().append(s.id(), NewMessage.builder(Role.USER).content("hi").name(name).build());
      Message read = store().getMessage(s.id(), m.id());
      assertThat(read.name()).contains(name);
      assertThat(read.parts()).containsExactly(new TextPart("hi"));
      assertThat(read.attributesJson()).isEqualTo(NewMessage.NO_ATTRIBUTES);
    }
  }

  @Test
  void anotherInstanceReadsThePartsExactly() {
    SessionStore second = secondInstance();
    ChatSession s = newSession();
    Message m = store().append(s.id(), PartFixtures.everything());

    assertThat(second.getMessage(s.id(), m.id())).isEqualTo(m);
    assertThat(allMessages(second, s.id())).containsExactly(m);
  }

  @Test
  void everythingComesBackAfterAReopen() {
    requires(StoreCapability.REOPEN);
    ChatSession s = newSession();
    NewMessage n = PartFixtures.everything();
    List<Message> before = store().appendAll(s.id(), List.of(NewMessage.user("q"), n,
        NewMessage.builder(Role.USER).part(MediaPart.inline("image/png", PartFixtures.allBytes())).build()));
    ChatSession fork = store().fork(s.id(), n.id());
    List<Message> forkBefore = allMessages(fork.id());

    SessionStore reopened = reopen();

    assertThat(allMessages(reopened, s.id())).isEqualTo(before);
    assertEverything(reopened.getMessage(s.id(), n.id()), n);
    assertThat(allMessages(reopened, fork.id())).isEqualTo(forkBefore);
    assertThat(reopened.searchMessages(OWNER, PartFixtures.NEEDLE, PageRequest.first(10)).items())
        .extracting(Message::id).containsExactlyInAnyOrder(n.id(), forkBefore.get(1).id());
  }
}

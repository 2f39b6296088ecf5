package dev.chatstore.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.NewMessage;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionUpdate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When and from what the manager titles a session. */
class SessionManagerTitleTest {
  private final SessionStore store = SessionStore.inMemory();
  private final SessionManager manager = SessionManager.of(store, "alice");

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theFirstUserMessageTitlesAnUntitledSession() {
    ChatSession s = manager.create();
    assertThat(s.title()).isEmpty();
    manager.append(NewMessage.system("You are terse."));
    assertThat(manager.requireCurrent().title()).isEmpty(); // a system message does not title it
    manager.recordUserMessage("  What is the  capital\nof Australia?  ");
    assertThat(manager.requireCurrent().title()).isEqualTo("What is the capital of Australia?");
    assertThat(store.getSession(s.id()).title()).isEqualTo("What is the capital of Australia?");
    manager.recordUserMessage("And of Canada?");
    assertThat(store.getSession(s.id()).title()).isEqualTo("What is the capital of Australia?");
  }

  @Test
  void aLongFirstMessageGivesAShortTitle() {
    manager.create();
    manager.recordUserMessage("I'm writing a letter to my landlord about the heating in my flat which has been "
        + "broken for three weeks now and I would like it to sound firm but polite");
    assertThat(manager.requireCurrent().title()).isEqualTo("I'm writing a letter to my landlord about the…");
  }

  @Test
  void aGivenTitleIsNeverReplaced() {
    manager.create("My title");
    manager.recordUserMessage("Something else entirely");
    assertThat(manager.requireCurrent().title()).isEqualTo("My title");
  }

  @Test
  void aRenameSticksEvenBeforeTheFirstMessage() {
    ChatSession s = manager.create();
    manager.rename("Renamed by the user");
    manager.recordUserMessage("first message");
    assertThat(store.getSession(s.id()).title()).isEqualTo("Renamed by the user");
  }

  @Test
  void aRenameFromAnotherWriterIsNotOverwritten() {
    ChatSession s = manager.create();
    // another tab renames it while this manager still holds the untitled snapshot
    store.updateSession(s.id(), s.version(), SessionUpdate.title("From the other tab"));
    manager.recordUserMessage("first message");
    assertThat(store.getSession(s.id()).title()).isEqualTo("From the other tab");
    assertThat(manager.requireCurrent().title()).isEqualTo("From the other tab");
  }

  @Test
  void aStateChangeElsewhereDoesNotStopTitling() {
    ChatSession s = manager.create();
    store.updateSession(s.id(), s.version(), SessionUpdate.state("{\"k\":1}"));
    manager.recordUserMessage("Hello there");
    assertThat(store.getSession(s.id()).title()).isEqualTo("Hello there");
    assertThat(store.getSession(s.id()).stateJson()).isEqualTo("{\"k\":1}");
  }

  @Test
  void theTitleComesFromTheFirstUserMessageEvenIfItWasStoredAroundTheManager() {
    ChatSession s = manager.create();
    store.append(s.id(), NewMessage.user("The real first question"));
    manager.recordUserMessage("a follow-up");
    assertThat(store.getSession(s.id()).title()).isEqualTo("The real first question");
  }

  @Test
  void aBlankFirstMessageLeavesTheTitleForTheNextOne() {
    ChatSession s = manager.create();
    manager.recordUserMessage(" \n ");
    assertThat(store.getSession(s.id()).title()).isEmpty();
    manager.recordUserMessage("😀 Emoji first");
    assertThat(store.getSession(s.id()).title()).isEqualTo("😀 Emoji first");
  }

  @Test
  void aCustomGeneratorIsUsedAndItsFailureDoesNotFailTheAppend() {
    AtomicInteger calls = new AtomicInteger();
    SessionManager custom = SessionManager.builder(store, "alice").titleGenerator(text -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("model unavailable");
      }
      return "Summary: " + text.length();
    }).build();
    ChatSession s = custom.create();
    custom.recordUserMessage("abc");
    assertThat(store.getSession(s.id()).title()).isEmpty();
    assertThat(store.getSession(s.id()).messageCount()).isEqualTo(1);
    custom.recordUserMessage("second");
    assertThat(store.getSession(s.id()).title()).isEqualTo("Summary: 3"); // still from the first message
  }

  @Test
  void emojiZwjAndCjkTitlesAreCutOnWholeCharacters() {
    manager.create();
    String family = "👨\u200D👩\u200D👧";
    manager.recordUserMessage("家族 " + family + " " + "旅行の計画を立てたいです".repeat(6));
    String title = manager.requireCurrent().title();
    assertThat(title).startsWith("家族 " + family + " ").endsWith("…");
    assertThat(dev.chatstore.internal.manager.Graphemes.count(title)).isEqualTo(50);
  }
}

package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ChatSession;
import dev.chatstore.Message;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.PageRequest;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How search and the list's text filter fold case. The needle is folded as the in-memory store folds
 * it wherever the database would fold it the same way, so every needle finds exactly what the
 * database finds lowering both sides itself; and where the database folds text as Java does, the
 * hits are the in-memory store's.
 */
abstract class TextFoldingTestBase extends OpenStoreTestBase {
  /** Text with wildcards, accents, digraphs, a dotted capital I and Greek final sigmas. */
  private static final List<String> HARD_TEXTS = List.of("ΟΔΟΣ ΚΑΛΟΣ", "İstanbul", "ıiIİ", "σς");
  private static final List<String> PLAIN_TEXTS = List.of("Hello World", "ÉCOLE normale", "école", "50% off",
      "a_b", "axb", "wow!x", "Straße", "STRASSE", "Ǆemal", "ǅ and ǆ", "Ωmega ωmega");
  private static final List<String> HARD_NEEDLES = List.of("ΟΣ", "Σ", "ος", "οσ", "İ", "i̇", "I", "ı", "İSTANBUL");
  private static final List<String> PLAIN_NEEDLES = List.of("hello", "WORLD", "École", "ÉCOLE", "%", "50%", "_",
      "a_b", "!", "!x", "ß", "SS", "ǆ", "Ǆ", "ǅ", "ΩMEGA", "o", "x");

  private final Map<String, String> messageText = new HashMap<>();

  @Test
  void everyNeedleFindsWhatTheDatabaseFindsLoweringBothSides() throws Exception {
    fill(store, concat(PLAIN_TEXTS, HARD_TEXTS));
    for (String needle : concat(PLAIN_NEEDLES, HARD_NEEDLES)) {
      Set<String> byDatabase = new TreeSet<>(db.column("SELECT id FROM chatstore_messages"
          + " WHERE LOWER(content) LIKE LOWER(?) ESCAPE '!'", likeContains(needle)));
      assertThat(hits(store, needle)).as("hits for %s", needle).isEqualTo(byDatabase);
    }
  }

  @Test
  void whereTheDatabaseFoldsAsJavaDoesTheHitsAreTheInMemoryStores() {
    fill(store, PLAIN_TEXTS);
    try (SessionStore memory = SessionStore.inMemory()) {
      fill(memory, PLAIN_TEXTS);
      for (String needle : PLAIN_NEEDLES) {
        assertThat(texts(hits(store, needle))).as("hits for %s", needle).isEqualTo(texts(hits(memory, needle)));
      }
    }
  }

  @Test
  void theListFilterFoldsTitlesAsSearchFoldsContent() throws Exception {
    for (String text : concat(PLAIN_TEXTS, HARD_TEXTS)) {
      store.createSession(NewSession.forOwner("o").title(text).build());
    }
    for (String needle : concat(PLAIN_NEEDLES, HARD_NEEDLES)) {
      List<String> byDatabase = db.column("SELECT title FROM chatstore_sessions WHERE LOWER(title) LIKE LOWER(?)"
          + " ESCAPE '!'", likeContains(needle)).stream().sorted().toList();
      assertThat(titles(store, needle)).as("titles for %s", needle).isEqualTo(byDatabase);
    }
    try (SessionStore memory = SessionStore.inMemory()) {
      for (String text : PLAIN_TEXTS) {
        memory.createSession(NewSession.forOwner("o").title(text).build());
      }
      for (String needle : PLAIN_NEEDLES) {
        assertThat(titles(store, needle)).as("titles for %s", needle)
            .filteredOn(PLAIN_TEXTS::contains).isEqualTo(titles(memory, needle));
      }
    }
  }

  private void fill(SessionStore target, List<String> texts) {
    ChatSession s = target.createSession(NewSession.forOwner("o").build());
    for (String text : texts) {
      Message m = target.append(s.id(), NewMessage.user(text));
      messageText.put(m.id(), text);
    }
  }

  private static Set<String> hits(SessionStore target, String needle) {
    return target.searchMessages("o", needle, PageRequest.first(100)).items().stream().map(Message::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private Set<String> texts(Set<String> ids) {
    return ids.stream().map(messageText::get).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> titles(SessionStore target, String needle) {
    return target.listSessions(SessionQuery.forOwner("o").text(needle).limit(100).build()).items().stream()
        .map(SessionSummary::title).sorted().toList();
  }

  /** The LIKE pattern for text containing {@code needle}, '!' escaping LIKE's wildcards. */
  private static String likeContains(String needle) {
    return "%" + needle.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}

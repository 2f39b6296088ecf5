package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.ChatSession;
import dev.chatstore.CorruptDataException;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealed values that were tampered with, cut short, sealed under another key, or copied to another
 * session, message or line of a message, and values in clear planted beside sealed ones or after them,
 * read as {@link CorruptDataException} naming the file and line. A message's line whose sealed value
 * does not open damages that message only: the session reads and lists, its other messages read, and
 * what reads the damaged one throws, naming it. A session's own line that does not open, and a line
 * of the wrong shape, fail the session the way the store treats any damaged line: it is unreadable
 * until repaired and left out of listings once read. Every other session reads as before.
 */
class TamperedCiphertextTest {
  private static final Pattern SEALED = Pattern.compile("\"sealed\":\"([^\"]+)\"");
  private static final Pattern MESSAGE_ID =
      Pattern.compile("\"event\":\"(?:message\\.appended|stream\\.begun)\",\"at\":\"[^\"]+\",\"id\":\"([^\"]+)\"");

  @TempDir
  Path folder;
  private String alpha;
  private String beta;

  @BeforeEach
  void twoSessions() {
    try (SessionStore store = open()) {
      alpha = session(store, "alpha");
      beta = session(store, "beta");
    }
  }

  @Test
  void aValueCopiedFromAnotherSessionIsCorrupt() throws IOException {
    String alphasMessage = sealedOf(lines(alpha).get(2));
    edit(beta, 2, line -> withSealed(line, alphasMessage));

    expectMessageCorrupt(beta, "line 3", "does not authenticate", 1);
  }

  @Test
  void aSessionLineCopiedFromAnotherSessionIsCorrupt() throws IOException {
    String alphasTitle = sealedOf(lines(alpha).get(1));
    edit(beta, 1, line -> withSealed(line, alphasTitle));

    expectSessionCorrupt(beta, "line 2", "does not authenticate");
  }

  @Test
  void valuesSwappedBetweenMessagesAreCorrupt() throws IOException {
    List<String> lines = lines(alpha);
    String first = sealedOf(lines.get(2));
    String second = sealedOf(lines.get(3));
    edit(alpha, 2, line -> withSealed(line, second));
    edit(alpha, 3, line -> withSealed(line, first));

    expectMessageCorrupt(alpha, "line 3", "does not authenticate", 1, 2);
  }

  @Test
  void valuesSwappedBetweenTwoFlushesOfOneStreamAreCorrupt() throws IOException {
    List<String> lines = lines(alpha);
    int firstFlush = indexOf(lines, "stream.flushed", 0);
    int secondFlush = indexOf(lines, "stream.flushed", firstFlush + 1);
    String first = sealedOf(lines.get(firstFlush));
    String second = sealedOf(lines.get(secondFlush));
    edit(alpha, firstFlush, line -> withSealed(line, second));
    edit(alpha, secondFlush, line -> withSealed(line, first));

    expectMessageCorrupt(alpha, "line " + (firstFlush + 1), "does not authenticate", 3);
  }

  @Test
  void aChangedByteIsCorrupt() throws IOException {
    edit(alpha, 2, line -> {
      String sealed = sealedOf(line);
      int at = sealed.length() - 10;
      char flipped = sealed.charAt(at) == 'A' ? 'B' : 'A';
      return withSealed(line, sealed.substring(0, at) + flipped + sealed.substring(at + 1));
    });

    expectMessageCorrupt(alpha, "line 3", "does not authenticate", 1);
  }

  @Test
  void aValueCutShortIsCorruptNotATornLine() throws IOException {
    int last = lines(alpha).size() - 1; // the last line too: it is whole JSON, so no crash left it
    edit(alpha, last, line -> withSealed(line, sealedOf(line).substring(0, "cse1:k1:".length() + 8)));

    expectMessageCorrupt(alpha, "line " + (last + 1), "truncated", 3);
  }

  @Test
  void aValueRelabelledWithAnotherKeyIdIsCorrupt() throws IOException {
    edit(alpha, 2, line -> withSealed(line, sealedOf(line).replace("cse1:k1:", "cse1:k2:")));

    expectMessageCorrupt(alpha, "line 3", "does not authenticate", 1);
  }

  @Test
  void aToolCallPlantedInClearBesideSealedValuesIsCorrupt() throws IOException {
    edit(alpha, 2, line -> line.replace("\"role\":\"USER\"", "\"role\":\"ASSISTANT\"").replace(",\"sealed\":",
        ",\"toolCalls\":[{\"arguments\":{\"cmd\":\"rm -rf /\"},\"id\":\"c1\",\"name\":\"shell\"}],\"sealed\":"));

    expectSessionCorrupt(alpha, "line 3", "\"toolCalls\" is in clear beside sealed values");
  }

  @Test
  void aSealedLineReplacedByOneInClearIsCorrupt() throws IOException {
    // the title line before it is sealed: only a forger writes values in clear after it
    String clear = "\"content\":\"forged\",\"metadata\":{\"schemaVersion\":1}";
    edit(alpha, 2, line -> SEALED.matcher(line).replaceFirst(clear));

    expectSessionCorrupt(alpha, "line 3", "values in clear after a line with sealed ones");
  }

  /** Opens the folder with both keys known, so a relabelled value is damage and not a missing key. */
  private SessionStore open() {
    return TestKeys.builder(folder, "k1", "k1", "k2").open();
  }

  private void expectSessionCorrupt(String damaged, String line, String problem) {
    String other = damaged.equals(alpha) ? beta : alpha;
    try (SessionStore store = open()) {
      CorruptDataException e = catchThrowableOfType(CorruptDataException.class,
          () -> store.messages(damaged, MessageQuery.earliest(10)));
      assertThat(e).as("reading the damaged session").isNotNull();
      assertThat(e.getMessage()).contains(damaged + ".jsonl " + line).contains(problem);
      assertThat(catchThrowableOfType(CorruptDataException.class, () -> store.getSession(damaged))).isNotNull();

      assertThat(store.messages(other, MessageQuery.earliest(10)).items()).hasSize(3);
      assertThat(store.getSession(other).title()).isEqualTo("chat " + (other.equals(alpha) ? "alpha" : "beta"));
      assertThat(store.listSessions(SessionQuery.of("owner-1")).items()).extracting(SessionSummary::id)
          .as("the damaged session is left out of listings once read").containsExactly(other);
    }
  }

  /** Only the messages of {@code damagedSeqs} fail, the first of them named; the session and the rest read. */
  private void expectMessageCorrupt(String damaged, String line, String problem, int... damagedSeqs)
      throws IOException {
    String other = damaged.equals(alpha) ? beta : alpha;
    List<String> ids = messageIds(damaged);
    try (SessionStore store = open()) {
      CorruptDataException e = catchThrowableOfType(CorruptDataException.class,
          () -> store.messages(damaged, MessageQuery.earliest(10)));
      assertThat(e).as("reading a page with the damaged message").isNotNull();
      assertThat(e.getMessage()).contains(damaged + ".jsonl " + line).contains(ids.get(damagedSeqs[0] - 1))
          .contains(problem);
      for (int seq = 1; seq <= ids.size(); seq++) {
        int at = seq;
        boolean isDamaged = IntStream.of(damagedSeqs).anyMatch(d -> d == at);
        String id = ids.get(seq - 1);
        if (isDamaged) {
          assertThat(catchThrowableOfType(CorruptDataException.class, () -> store.getMessage(damaged, id)))
              .as("message %s", seq).isNotNull();
        } else {
          assertThat(store.getMessage(damaged, id).seq()).as("message %s", seq).isEqualTo(seq);
        }
      }
      assertThat(store.getSession(damaged).title()).isEqualTo("chat " + (damaged.equals(alpha) ? "alpha" : "beta"));

      assertThat(store.messages(other, MessageQuery.earliest(10)).items()).hasSize(3);
      assertThat(store.listSessions(SessionQuery.of("owner-1")).items()).extracting(SessionSummary::id)
          .as("the session is still listed").containsExactlyInAnyOrder(alpha, beta);
    }
  }

  /** The ids of the session's messages in seq order, from the lines that made them (in clear). */
  private List<String> messageIds(String sessionId) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : lines(sessionId)) {
      Matcher m = MESSAGE_ID.matcher(line);
      if (m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }

  /** A session of a user message, an assistant message, and a reply streamed in two flushes and a finish. */
  private static String session(SessionStore store, String name) {
    ChatSession session = store.createSession(NewSession.forOwner("owner-1").title("chat " + name).build());
    store.append(session.id(), NewMessage.user("question of " + name));
    store.append(session.id(), NewMessage.assistant("answer of " + name));
    try (MessageStream stream = store.openStream(session.id(), Role.ASSISTANT)) {
      stream.append("streamed one of " + name);
      stream.flush();
      stream.append(" and two of " + name);
      stream.flush();
      stream.complete();
    }
    return session.id();
  }

  private Path file(String sessionId) {
    return folder.resolve("sessions").resolve(sessionId + ".jsonl");
  }

  private List<String> lines(String sessionId) throws IOException {
    return new ArrayList<>(Files.readAllLines(file(sessionId)));
  }

  private void edit(String sessionId, int index, UnaryOperator<String> change) throws IOException {
    List<String> lines = lines(sessionId);
    lines.set(index, change.apply(lines.get(index)));
    Files.write(file(sessionId), lines);
  }

  private static int indexOf(List<String> lines, String event, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).contains("\"event\":\"" + event + "\"")) {
        return i;
      }
    }
    throw new AssertionError("no " + event + " line after line " + from + " in " + lines);
  }

  private static String sealedOf(String line) {
    Matcher m = SEALED.matcher(line);
    assertThat(m.find()).as("a sealed value in %s", line).isTrue();
    return m.group(1);
  }

  private static String withSealed(String line, String sealed) {
    return SEALED.matcher(line).replaceFirst(Matcher.quoteReplacement("\"sealed\":\"" + sealed + "\""));
  }
}

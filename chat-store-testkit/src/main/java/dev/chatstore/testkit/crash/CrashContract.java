package dev.chatstore.testkit.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import dev.chatstore.Page;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.SessionSummary;
import dev.chatstore.spi.Previews;
import dev.chatstore.testkit.crash.Plan.Planned;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a durable backend acknowledged survives its process being killed: an abstract JUnit 5 suite
 * every such backend extends. Each test starts a {@link ChildStore} (a child JVM running the backend's
 * store), waits until it acknowledged enough writes, kills it with SIGKILL in the middle of them,
 * reopens the store here through the same {@link StoreFactory}, and compares with every write the
 * child acknowledged before it died.
 *
 * <pre>{@code
 * class MyStoreCrashTest extends CrashContract {
 *   public static final class Factory implements StoreFactory {
 *     @Override public SessionStore open(String location) { return MyStore.open(Path.of(location)); }
 *   }
 *
 *   @Override protected Class<? extends StoreFactory> storeFactory() { return Factory.class; }
 * }
 * }</pre>
 *
 * <p>Every wait is bounded (see {@link ChildStore}); a child that fails or hangs fails the test with
 * its stderr.
 */
public abstract class CrashContract {
  /** Acknowledged appends to see before the kill: enough that the kill lands among commits. */
  protected static final int APPENDS_BEFORE_KILL = 200;
  /** Acknowledged flushes of the stream to see before the kill. */
  protected static final int FLUSHES_BEFORE_KILL = 20;

  // ---- hooks -----------------------------------------------------------------------------------

  /** The backend's factory: a public class with a public no-argument constructor (see {@link StoreFactory}). */
  protected abstract Class<? extends StoreFactory> storeFactory();

  @TempDir
  private Path folder;

  /**
   * Where this test's store lives: a fresh, empty location, one per test. By default a new empty
   * folder, for stores that live in one; a server-backed store returns a new database's URL.
   */
  protected String newLocation() {
    return folder.toString();
  }

  /** The test's own empty folder, the default location. */
  protected final Path folder() {
    return folder;
  }

  /**
   * Whether opening the store marks the killed child's stream INTERRUPTED at once: true where one
   * process owns the data (the default), false where other processes may be streaming into it and
   * opening spares streams silent for less than the backend's recovery idle time.
   */
  protected boolean recoversOnReopen() {
    return true;
  }

  /** Opens the store at {@code location} in this JVM, as the child did. The caller closes it. */
  protected final SessionStore reopen(String location) {
    return CrashChild.factory(storeFactory().getName()).open(location);
  }

  // ---- the tests -------------------------------------------------------------------------------

  @Test
  void everyAcknowledgedAppendSurvivesSigkill() {
    String location = newLocation();
    String session;
    List<AcknowledgedAppend> acknowledged;
    try (ChildStore child = ChildStore.start(storeFactory(), location, ChildTask.APPEND)) {
      session = child.sessionId();
      child.awaitAppends(APPENDS_BEFORE_KILL);
      child.kill();
      acknowledged = child.appends();
    }

    int stored;
    try (SessionStore store = reopen(location)) {
      List<Message> all = all(store, session);
      stored = all.size();
      List<Planned> planned = Plan.messages(stored);
      for (int i = 0; i < stored; i++) {
        Message m = all.get(i);
        assertThat(m.seq()).as("gap-free seqs").isEqualTo(i + 1L);
        assertThat(m.content()).as("message %d is the one written, whole", m.seq()).isEqualTo(planned.get(i).content());
        assertThat(m.role()).as("message %d", m.seq()).isEqualTo(planned.get(i).role());
        assertThat(m.status()).as("message %d", m.seq()).isEqualTo(MessageStatus.COMPLETE);
      }
      if (stored > 0) {
        assertThat(planned.get(stored - 1).endsTurn()).as("appendAll is all or nothing: no batch cut in two").isTrue();
      }
      Map<String, Message> byId = new HashMap<>();
      all.forEach(m -> byId.put(m.id(), m));
      assertThat(acknowledged).as("the child's acknowledged appends").hasSizeGreaterThanOrEqualTo(APPENDS_BEFORE_KILL);
      for (AcknowledgedAppend ack : acknowledged) {
        assertThat(byId).as("acknowledged message %s (seq %d)", ack.messageId(), ack.seq()).containsKey(ack.messageId());
        assertThat(byId.get(ack.messageId()).seq()).as("the seq acknowledged for %s", ack.messageId()).isEqualTo(ack.seq());
      }
      assertThat(store.getSession(session).messageCount()).isEqualTo(stored);
      assertThat(listed(store, session).messageCount()).as("the session list agrees").isEqualTo(stored);
      assertThat(store.append(session, NewMessage.user("after the crash")).seq()).isEqualTo(stored + 1L);
    }
    try (SessionStore store = reopen(location)) {
      List<Message> all = all(store, session);
      assertThat(all).hasSize(stored + 1);
      assertThat(all.get(stored).content()).as("the append after the crash was kept").isEqualTo("after the crash");
    }
  }

  @Test
  void theFlushedTextOfAStreamSurvivesSigkill() {
    String location = newLocation();
    String session;
    String messageId;
    int acknowledged;
    try (ChildStore child = ChildStore.start(storeFactory(), location, ChildTask.STREAM)) {
      session = child.sessionId();
      messageId = child.streamedMessageId();
      child.awaitFlushes(FLUSHES_BEFORE_KILL);
      child.kill();
      acknowledged = child.flushedLength();
    }

    // the child flushes only explicitly: at most the one flush after the last it reported can be stored
    String written = Plan.streamed(acknowledged + 1);
    try (SessionStore store = reopen(location)) {
      Message left = store.getMessage(session, messageId);
      assertThat(left.content()).as("every acknowledged char, in order, once")
          .startsWith(written.substring(0, acknowledged));
      assertThat(written).as("nothing the child did not flush, nothing twice").startsWith(left.content());
      Message recovered = recovered(store, left);
      assertThat(recovered.content()).as("recovery keeps what streamed").isEqualTo(left.content());
      assertThat(store.recoverAbandonedStreams(Duration.ZERO)).as("nothing left to recover").isZero();
      assertThat(store.getSession(session).messageCount()).isEqualTo(1);
      assertThat(listed(store, session).preview()).as("the list's preview").isEqualTo(Previews.of(left.content()));
      assertThat(store.append(session, NewMessage.user("after")).seq()).isEqualTo(2);
      assertThat(store.recentMessages(session, 1).get(0).content()).isEqualTo("after");
    }
  }

  @Test
  void bothChannelsOfAStreamSurviveSigkillUpToTheLastFlush() {
    String location = newLocation();
    String session;
    String messageId;
    int flushes;
    try (ChildStore child = ChildStore.start(storeFactory(), location, ChildTask.STREAM_CHANNELS)) {
      session = child.sessionId();
      messageId = child.streamedMessageId();
      child.awaitFlushes(FLUSHES_BEFORE_KILL);
      child.kill();
      flushes = child.flushes();
      assertThat(child.flushedLength()).as("the text the child reported").isEqualTo(Plan.streamedText(flushes).length());
      assertThat(child.flushedReasoningLength()).as("the reasoning the child reported")
          .isEqualTo(Plan.streamedReasoning(flushes).length());
    }

    try (SessionStore store = reopen(location)) {
      Message left = store.getMessage(session, messageId);
      // the child flushes only explicitly, each flush one write: the flushes it reported, or one more
      int landed = left.content().length() > Plan.streamedText(flushes).length() ? flushes + 1 : flushes;
      assertThat(left.parts()).as("both channels and the signature up to the same flush (%d reported)", flushes)
          .isEqualTo(Plan.channelParts(landed));
      assertThat(left.content()).as("the text alone").isEqualTo(Plan.streamedText(landed));
      Message recovered = recovered(store, left);
      assertThat(recovered.parts()).as("recovery keeps both channels").isEqualTo(left.parts());
      assertThat(store.recoverAbandonedStreams(Duration.ZERO)).as("nothing left to recover").isZero();
      assertThat(store.getSession(session).messageCount()).isEqualTo(1);
      assertThat(listed(store, session).preview()).as("the preview shows the text, not the reasoning")
          .isEqualTo(Previews.of(left.content()));
      assertThat(store.append(session, NewMessage.user("after")).seq()).isEqualTo(2);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * The killed stream {@code left} (as read on reopen) once recovered: by the reopen itself where the
   * backend recovers then, else by the first recovery asked for. Either way INTERRUPTED.
   */
  private Message recovered(SessionStore store, Message left) {
    if (recoversOnReopen()) {
      assertThat(left.status()).as("reopening recovered the killed stream").isEqualTo(MessageStatus.INTERRUPTED);
    } else {
      assertThat(left.status()).as("another process might still be streaming it").isEqualTo(MessageStatus.STREAMING);
      assertThat(store.recoverAbandonedStreams(Duration.ZERO)).as("streams recovered when asked").isEqualTo(1);
    }
    Message recovered = store.getMessage(left.sessionId(), left.id());
    assertThat(recovered.status()).isEqualTo(MessageStatus.INTERRUPTED);
    return recovered;
  }

  private static List<Message> all(SessionStore store, String session) {
    List<Message> all = new ArrayList<>();
    Page<Message> page = store.messages(session, MessageQuery.earliest(MessageQuery.MAX_LIMIT));
    all.addAll(page.items());
    while (page.nextCursor().isPresent()) {
      page = store.messages(session, MessageQuery.from(page.nextCursor().get(), MessageQuery.MAX_LIMIT));
      all.addAll(page.items());
    }
    return all;
  }

  private static SessionSummary listed(SessionStore store, String session) {
    List<SessionSummary> items = store.listSessions(SessionQuery.of(Plan.OWNER)).items();
    assertThat(items).extracting(SessionSummary::id).as("the owner's sessions").containsExactly(session);
    return items.get(0);
  }
}

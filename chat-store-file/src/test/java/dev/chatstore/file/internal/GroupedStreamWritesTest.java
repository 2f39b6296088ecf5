package dev.chatstore.file.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.ConflictException;
import dev.chatstore.Message;
import dev.chatstore.MessageStatus;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.NotFoundException;
import dev.chatstore.StoreLimits;
import dev.chatstore.StreamOptions;
import dev.chatstore.UnavailableException;
import dev.chatstore.file.FsyncPolicy;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.FieldCipher;
import dev.chatstore.spi.StreamDelta;
import dev.chatstore.spi.StreamSink;
import dev.chatstore.spi.StreamSink.Begin;
import dev.chatstore.spi.StreamSink.Finish;
import dev.chatstore.spi.StreamSink.Write;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store's group calls (what the stream engine sends when several streams wait at once), called
 * directly so that the groups are exactly these: each call succeeds or fails alone, two messages of
 * one session in one group both land in order, and what a group acknowledged is there after a reopen.
 */
class GroupedStreamWritesTest {
  @TempDir
  Path folder;

  private FileStore open(FsyncPolicy fsync, int maxLoaded) {
    return FileStore.open(new FileStore.Settings(folder, StoreLimits.defaults(), Clock.systemUTC(), fsync,
        Duration.ofDays(1), maxLoaded, FieldCipher.plain()));
  }

  private static String session(FileStore store) {
    String id = store.createSession(NewSession.forOwner("owner").title("t").build()).id();
    store.append(id, NewMessage.user("hello"));
    return id;
  }

  private static Finish complete(String sessionId, String messageId) {
    return new Finish(sessionId, messageId, StreamDelta.EMPTY, MessageStatus.COMPLETE, MessageMetadata.empty());
  }

  private static Write write(String sessionId, String messageId, String text) {
    return new Write(sessionId, messageId, StreamDelta.of(text, List.of()));
  }

  @Test
  void groupsOnlyWhereEveryWriteIsForced() {
    try (FileStore store = open(FsyncPolicy.everyWrite(), 128)) {
      assertThat(store.streamSink().maxGroupedWrites()).isGreaterThan(1);
    }
    try (FileStore store = open(FsyncPolicy.none(), 128)) {
      assertThat(store.streamSink().maxGroupedWrites()).isEqualTo(1);
    }
  }

  @Test
  void aGroupOfStreamsInDifferentSessionsLandsWhole() {
    List<String> sessions = new ArrayList<>();
    try (FileStore store = open(FsyncPolicy.everyWrite(), 128)) {
      StreamSink sink = store.streamSink();
      for (int i = 0; i < 5; i++) {
        sessions.add(session(store));
      }
      StreamSink.Results begun = sink.beginAll(sessions.stream()
          .map(s -> new Begin(s, "m-" + s, StreamOptions.assistant())).toList());
      assertThat(begun.failures()).isEmpty();
      assertThat(begun.messages()).hasSize(5);
      begun.messages().values().forEach(m -> assertThat(m.seq()).isEqualTo(2));

      assertThat(sink.writeAll(sessions.stream()
          .map(s -> write(s, "m-" + s, "text of " + s))
          .toList())).isEmpty();
      StreamSink.Results ended = sink.finishAll(sessions.stream()
          .map(s -> new Finish(s, "m-" + s, StreamDelta.of(" ends", List.of()), MessageStatus.COMPLETE,
              MessageMetadata.empty()))
          .toList());
      assertThat(ended.failures()).isEmpty();
      for (int i = 0; i < 5; i++) {
        assertThat(ended.messages().get(i).content()).isEqualTo("text of " + sessions.get(i) + " ends");
      }
    }
    try (FileStore reopened = open(FsyncPolicy.everyWrite(), 128)) {
      for (String s : sessions) {
        Message m = reopened.findMessage(s, "m-" + s).orElseThrow();
        assertThat(m.content()).isEqualTo("text of " + s + " ends");
        assertThat(m.status()).isEqualTo(MessageStatus.COMPLETE);
      }
    }
  }

  @Test
  void aCallThatCannotBeDoneFailsAloneAndTheOthersLand() {
    String ok;
    try (FileStore store = open(FsyncPolicy.everyWrite(), 128)) {
      StreamSink sink = store.streamSink();
      ok = session(store);
      String purged = session(store);
      String ended = session(store);
      assertThat(sink.beginAll(List.of(new Begin(ok, "a", StreamOptions.assistant()),
          new Begin(purged, "b", StreamOptions.assistant()), new Begin(ended, "c", StreamOptions.assistant())))
          .failures()).isEmpty();
      sink.finish(ended, "c", StreamDelta.EMPTY, MessageStatus.COMPLETE, MessageMetadata.empty());
      store.purgeSession(purged);

      Map<Integer, RuntimeException> failures = sink.writeAll(List.of(write(purged, "b", "lost"),
          write(ok, "a", "kept"), write(ended, "c", "late"),
          write("no-such-session", "d", "x")));
      assertThat(failures.keySet()).containsExactlyInAnyOrder(0, 2, 3);
      assertThat(failures.get(0)).isInstanceOf(NotFoundException.class);
      assertThat(failures.get(2)).isInstanceOfSatisfying(ConflictException.class,
          e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.STREAM_CLOSED));
      assertThat(failures.get(3)).isInstanceOf(NotFoundException.class);

      StreamSink.Results begun = sink.beginAll(List.of(new Begin(ok, "a", StreamOptions.assistant()),
          new Begin(ended, "e", StreamOptions.assistant())));
      assertThat(begun.failures().get(0)).isInstanceOfSatisfying(ConflictException.class,
          e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.ALREADY_EXISTS));
      assertThat(begun.messages().get(1).seq()).isEqualTo(3);

      StreamSink.Results done = sink.finishAll(List.of(complete(ok, "a"), complete(ended, "c")));
      assertThat(done.messages().get(0).content()).isEqualTo("kept");
      assertThat(done.failures().get(1)).isInstanceOf(ConflictException.class);
    }
    try (FileStore reopened = open(FsyncPolicy.everyWrite(), 128)) {
      assertThat(reopened.findMessage(ok, "a").orElseThrow().content()).isEqualTo("kept");
    }
  }

  @Test
  void twoMessagesOfOneSessionInOneGroupBothLandInOrder() {
    String id;
    try (FileStore store = open(FsyncPolicy.everyWrite(), 128)) {
      StreamSink sink = store.streamSink();
      id = session(store);
      StreamSink.Results begun = sink.beginAll(List.of(new Begin(id, "x", StreamOptions.assistant()),
          new Begin(id, "y", StreamOptions.assistant())));
      assertThat(begun.messages().get(0).seq()).isEqualTo(2);
      assertThat(begun.messages().get(1).seq()).isEqualTo(3);
      assertThat(sink.writeAll(List.of(write(id, "x", "one"), write(id, "y", "two"))))
          .isEmpty();
      assertThat(sink.finishAll(List.of(complete(id, "y"), complete(id, "x"))).failures()).isEmpty();
    }
    try (FileStore reopened = open(FsyncPolicy.everyWrite(), 128)) {
      assertThat(reopened.findMessage(id, "x").orElseThrow().content()).isEqualTo("one");
      assertThat(reopened.findMessage(id, "y").orElseThrow().content()).isEqualTo("two");
    }
  }

  @Test
  void aGroupWiderThanTheLoadedSessionsStillLandsWhole() {
    List<String> sessions = new ArrayList<>();
    try (FileStore store = open(FsyncPolicy.everyWrite(), 2)) {
      StreamSink sink = store.streamSink();
      for (int i = 0; i < 6; i++) {
        sessions.add(session(store));
      }
      assertThat(sink.beginAll(sessions.stream().map(s -> new Begin(s, "m", StreamOptions.assistant())).toList())
          .failures()).isEmpty();
      assertThat(sink.writeAll(sessions.stream().map(s -> write(s, "m", s)).toList())).isEmpty();
      StreamSink.Results done = sink.finishAll(sessions.stream().map(s -> complete(s, "m")).toList());
      assertThat(done.failures()).isEmpty();
      for (int i = 0; i < sessions.size(); i++) {
        assertThat(done.messages().get(i).content()).isEqualTo(sessions.get(i));
      }
    }
  }

  @Test
  void aGroupAfterCloseFailsEveryCallWithoutThrowing() {
    FileStore store = open(FsyncPolicy.everyWrite(), 128);
    StreamSink sink = store.streamSink();
    String id = session(store);
    store.close();
    assertThat(sink.writeAll(List.of(write(id, "m", "x"), write(id, "n", "y"))))
        .hasSize(2).allSatisfy((i, e) -> assertThat(e).isInstanceOf(UnavailableException.class));
    assertThat(sink.beginAll(List.of(new Begin(id, "m", StreamOptions.assistant()))).failures())
        .hasSize(1);
  }
}

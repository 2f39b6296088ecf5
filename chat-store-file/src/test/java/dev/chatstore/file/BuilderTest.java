package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.chatstore.InvalidInputException;
import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.MessageStatus;
import dev.chatstore.MessageStream;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.StoreLimits;
import dev.chatstore.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder validates at once; each fsync policy, the clock, the limits (one by one or as one
 * {@link StoreOptions}) and the cache size take effect.
 */
class BuilderTest {
  @TempDir
  Path folder;

  @Test
  void settersRefuseBadValuesNamingTheProperty() {
    refused(() -> FileSessionStore.builder(null), "folder");
    FileSessionStore.Builder b = FileSessionStore.builder(folder);
    refused(() -> b.limits(null), "limits");
    refused(() -> b.clock(null), "clock");
    refused(() -> b.options(null), "options");
    refused(() -> b.fsync(null), "fsync");
    refused(() -> b.recoverStreamsIdleFor(null), "recoverStreamsIdleFor");
    refused(() -> b.recoverStreamsIdleFor(Duration.ofSeconds(-1)), "recoverStreamsIdleFor");
    refused(() -> b.maxLoadedSessions(0), "maxLoadedSessions");
    refused(() -> FsyncPolicy.interval(Duration.ZERO), "fsync.interval");
    refused(() -> FsyncPolicy.interval(null), "fsync.interval");
    refused(() -> new FsyncPolicy(FsyncPolicy.Mode.NONE, Duration.ofSeconds(1)), "fsync.interval");
  }

  @Test
  void everyFsyncPolicyStoresTheSame() {
    for (FsyncPolicy policy : List.of(FsyncPolicy.everyWrite(), FsyncPolicy.interval(Duration.ofMillis(5)),
        FsyncPolicy.none())) {
      Path dir = folder.resolve(policy.mode().name());
      String id;
      try (FileSessionStore store = FileSessionStore.builder(dir).fsync(policy).open()) {
        id = store.createSession(NewSession.forOwner("owner").build()).id();
        store.appendAll(id, List.of(NewMessage.user("a"), NewMessage.user("b")));
        try (MessageStream s = store.openStream(id, Role.ASSISTANT)) {
          s.append("streamed");
          s.flush();
          s.complete();
        }
      }
      try (FileSessionStore store = FileSessionStore.builder(dir).fsync(policy).open()) {
        assertThat(store.recentMessages(id, 10)).extracting(Message::content).as("%s", policy)
            .containsExactly("a", "b", "streamed");
      }
    }
  }

  @Test
  void theClockAndTheLimitsAreUsed() {
    Instant fixed = Instant.parse("2030-05-06T07:08:09.123456789Z");
    try (FileSessionStore store = FileSessionStore.builder(folder).clock(Clock.fixed(fixed, ZoneOffset.UTC))
        .limits(StoreLimits.defaults().withMaxTitleChars(5)).open()) {
      var s = store.createSession(NewSession.forOwner("owner").title("short").build());
      assertThat(s.createdAt()).isEqualTo(Instant.parse("2030-05-06T07:08:09.123456Z"));
      refused(() -> store.createSession(NewSession.forOwner("owner").title("too long").build()), "title");
    }
  }

  @Test
  void oneStoreOptionsValueSetsEverySharedSettingAtOnce() {
    Instant fixed = Instant.parse("2030-05-06T07:08:09Z");
    StoreOptions options = StoreOptions.defaults().withClock(Clock.fixed(fixed, ZoneOffset.UTC))
        .withLimits(StoreLimits.defaults().withMaxTitleChars(5));
    try (FileSessionStore store = FileSessionStore.builder(folder).options(options).fsync(FsyncPolicy.none()).open()) {
      assertThat(store.createSession(NewSession.forOwner("owner").build()).createdAt()).isEqualTo(fixed);
      refused(() -> store.createSession(NewSession.forOwner("owner").title("too long").build()), "title");
    }
  }

  @Test
  void theRecoveryDelayOnOpenSparesRecentlyWrittenStreams() throws Exception {
    String id;
    String streamId;
    try (FileSessionStore store = FileSessionStore.open(folder)) {
      id = store.createSession(NewSession.forOwner("owner").build()).id();
      MessageStream stream = store.openStream(id, Role.ASSISTANT);
      streamId = stream.messageId();
      stream.append("x");
      stream.flush();
    }
    // make it look as if the process died mid-stream: no end line, and the open store's marker left
    Path file = folder.resolve("sessions").resolve(id + ".jsonl");
    List<String> lines = Files.readAllLines(file);
    Files.write(file, lines.subList(0, lines.size() - 1));
    Files.writeString(folder.resolve("index.stale"), "open\n");

    try (FileSessionStore spared = FileSessionStore.builder(folder).recoverStreamsIdleFor(Duration.ofHours(1)).open()) {
      assertThat(spared.getMessage(id, streamId).status()).isEqualTo(MessageStatus.STREAMING);
    }
    try (FileSessionStore recovered = FileSessionStore.open(folder)) {
      assertThat(recovered.getMessage(id, streamId).status()).isEqualTo(MessageStatus.INTERRUPTED);
      assertThat(recovered.getMessage(id, streamId).content()).isEqualTo("x");
    }
  }

  @Test
  void aSmallSessionCacheStillGivesExactResultsUnderConcurrency() throws Exception {
    try (FileSessionStore store = FileSessionStore.builder(folder).maxLoadedSessions(1)
        .fsync(FsyncPolicy.none()).open()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        ids.add(store.createSession(NewSession.forOwner("owner").build()).id());
      }
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            for (int i = 0; i < 60; i++) {
              String id = ids.get((thread + i) % ids.size());
              store.append(id, NewMessage.user("t" + thread + " " + i));
              store.messages(id, MessageQuery.latest(5));
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      long total = 0;
      for (String id : ids) {
        List<Message> all = store.messages(id, MessageQuery.earliest(1000)).items();
        for (int i = 0; i < all.size(); i++) {
          assertThat(all.get(i).seq()).isEqualTo(i + 1L);
        }
        assertThat(store.getSession(id).messageCount()).isEqualTo(all.size());
        total += all.size();
      }
      assertThat(total).isEqualTo(6 * 60);
    }
  }

  private static void refused(ThrowingCallable call, String field) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, call);
    assertThat(e).as("refused").isNotNull();
    assertThat(e.field()).isEqualTo(field);
  }
}

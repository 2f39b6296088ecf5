package dev.chatstore.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.ChatStoreException;
import dev.chatstore.ConflictException;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Role;
import dev.chatstore.SessionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real threads writing for the same owners at once. The clock stands still while they run, so the
 * buckets gain nothing and what passes is exactly what they held: no more, whatever the interleaving.
 */
class RateLimitConcurrencyTest {
  private static final int THREADS = 8;
  private static final int TRIES = 100;
  private static final int BURST = 40;
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private final ManualClock clock = new ManualClock();
  private final SessionStore memory = SessionStore.inMemory();
  private final RateLimitedStore store = RateLimitedStore.over(memory,
      new MessageRateLimit(60, Duration.ofMinutes(1), BURST), clock);
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void close() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(30, TimeUnit.SECONDS);
    store.close();
  }

  @Test
  void manyThreadsWritingForOneOwnerGetExactlyTheBurstThenExactlyTheRefill() throws Exception {
    List<String> sessions = List.of(session("alice"), session("alice"), session("alice"));
    AtomicInteger refused = new AtomicInteger();
    Writer write = (thread, i) -> {
      String id = sessions.get((thread + i) % sessions.size());
      if (i % 3 == 0) {
        store.openStream(id, Role.ASSISTANT).complete();
      } else {
        store.append(id, NewMessage.user("t" + thread + " #" + i));
      }
    };

    assertThat(race(write, refused)).isEqualTo(BURST);
    assertThat(refused).hasValue(THREADS * TRIES - BURST);
    assertThat(messagesIn(sessions)).isEqualTo(BURST);

    clock.advance(INTERVAL.multipliedBy(7));
    assertThat(race(write, refused)).isEqualTo(7);
    assertThat(messagesIn(sessions)).isEqualTo(BURST + 7);
  }

  @Test
  void concurrentBatchesTakeTheirWholeSizeOrNothing() throws Exception {
    String id = session("alice");
    AtomicInteger refused = new AtomicInteger();
    int batches = race((thread, i) -> store.appendAll(id, List.of(NewMessage.user("q"), NewMessage.assistant("a"))),
        refused);
    assertThat(batches).isEqualTo(BURST / 2);
    assertThat(memory.getSession(id).messageCount()).isEqualTo(BURST);
  }

  @Test
  void refundsRacingWithWritesNeverLetMoreThanTheBurstThrough() throws Exception {
    String live = session("alice");
    String deleted = session("alice");
    memory.deleteSession(deleted);
    AtomicInteger conflicts = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    int written = race((thread, i) -> {
      if (thread % 2 == 0) {
        try {
          store.append(deleted, NewMessage.user("refused by the store"));
        } catch (ConflictException e) {
          conflicts.incrementAndGet();
        }
      } else {
        store.append(live, NewMessage.user("t" + thread + " #" + i));
      }
    }, refused);
    // race() counts as passing the deleted session's writes that got as far as the store's conflict
    assertThat(memory.getSession(live).messageCount()).isEqualTo(written - conflicts.get()).isLessThanOrEqualTo(BURST);
    assertThat(memory.getSession(deleted).messageCount()).isZero();
    // every token a conflict took came back: with the clock still, the bucket holds what was not written
    long left = BURST - memory.getSession(live).messageCount();
    for (long i = 0; i < left; i++) {
      store.append(live, NewMessage.user("after"));
    }
    assertThatThrownBy(() -> store.append(live, NewMessage.user("one too many")))
        .isInstanceOf(RateLimitExceededException.class);
    assertThat(memory.getSession(live).messageCount()).isEqualTo(BURST);
  }

  @Test
  void ownersWritingAtOnceEachGetTheirOwnBurst() throws Exception {
    List<String> owners = List.of("alice", "bob", "carol", "dave");
    List<String> sessions = owners.stream().map(this::session).toList();
    AtomicInteger refused = new AtomicInteger();
    int written = race((thread, i) -> store.append(sessions.get(thread % owners.size()), NewMessage.user("x")), refused);
    assertThat(written).isEqualTo(BURST * owners.size());
    for (String id : sessions) {
      assertThat(memory.getSession(id).messageCount()).isEqualTo(BURST);
    }
  }

  /** One write: thread number and attempt number. */
  private interface Writer {
    void write(int thread, int attempt);
  }

  // Runs TRIES writes on each of THREADS threads, all let go at once; returns how many did not throw
  // and counts those refused by the limit.
  private int race(Writer writer, AtomicInteger refused) throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Callable<Integer> task = () -> {
        start.await(30, TimeUnit.SECONDS);
        int ok = 0;
        for (int i = 0; i < TRIES; i++) {
          try {
            writer.write(thread, i);
            ok++;
          } catch (RateLimitExceededException e) {
            refused.incrementAndGet();
          } catch (ChatStoreException e) {
            throw new AssertionError("an unexpected refusal", e);
          }
        }
        return ok;
      };
      results.add(pool.submit(task));
    }
    int ok = 0;
    for (Future<Integer> r : results) {
      ok += r.get(60, TimeUnit.SECONDS);
    }
    return ok;
  }

  private long messagesIn(List<String> sessions) {
    return sessions.stream().mapToLong(id -> memory.getSession(id).messageCount()).sum();
  }

  private String session(String owner) {
    return memory.createSession(NewSession.forOwner(owner).build()).id();
  }
}

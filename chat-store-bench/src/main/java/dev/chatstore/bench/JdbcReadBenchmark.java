package dev.chatstore.bench;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.Page;
import dev.chatstore.bench.support.H2Bench;
import dev.chatstore.bench.support.ReadFixtures;
import dev.chatstore.jdbc.JdbcSessionStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 3: reading a page of 50 from a session of 1,000,000 messages on the H2 default: the newest
 * page (what a chat window opens on) and a page in the middle ({@code afterSeq(500_000, 50)}, what
 * scrolling back or a cursor lands on). SampleTime: the median and tail of single reads; an iteration
 * lasts at least 2 s but always finishes the read in progress, so slow reads still give samples.
 * The store is opened with H2's reuse of identical results off ({@link H2Bench#readUrl}), so every
 * sample really reads.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class JdbcReadBenchmark {
  /** 500,000: the anchor of the middle page. */
  static final long MIDDLE = ReadFixtures.H2_MESSAGES / 2;

  private JdbcSessionStore store;

  @Setup(Level.Trial)
  public void open() {
    store = H2Bench.openForReading(ReadFixtures.h2MillionMessages());
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  @Benchmark
  public Page<Message> newestPage() {
    return check(store.messages(ReadFixtures.BIG_SESSION, MessageQuery.latest(50)), ReadFixtures.H2_MESSAGES - 49);
  }

  @Benchmark
  public Page<Message> middlePage() {
    return check(store.messages(ReadFixtures.BIG_SESSION, MessageQuery.afterSeq(MIDDLE, 50)), MIDDLE + 1);
  }

  // a wrong page must not pass for a fast one
  private static Page<Message> check(Page<Message> page, long firstSeq) {
    if (page.items().size() != 50 || page.items().get(0).seq() != firstSeq) {
      throw new IllegalStateException("unexpected page: " + page.items().size() + " items from seq "
          + (page.items().isEmpty() ? "-" : page.items().get(0).seq()));
    }
    return page;
  }
}

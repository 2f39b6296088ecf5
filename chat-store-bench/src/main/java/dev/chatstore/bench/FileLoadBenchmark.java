package dev.chatstore.bench;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.Page;
import dev.chatstore.SessionStore;
import dev.chatstore.bench.support.ReadFixtures;
import dev.chatstore.file.FileSessionStore;
import java.nio.file.Path;
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
 * Issue 5: load a 10,000-message session from the file store by paging through all of it in pages of
 * 1,000 (the largest page). {@code cold}: the store was just opened, so the session's file is read
 * and indexed by this load (opening is done before the timing, closing after); {@code warm}: the
 * session is already loaded, so this is the paging alone.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FileLoadBenchmark {

  /** A store opened afresh for every load. */
  @State(Scope.Benchmark)
  public static class Cold {
    Path folder;
    FileSessionStore store;

    @Setup(Level.Trial)
    public void fixture() {
      folder = ReadFixtures.fileTenThousandMessages();
    }

    @Setup(Level.Invocation)
    public void open() {
      store = FileSessionStore.open(folder);
    }

    @TearDown(Level.Invocation)
    public void close() {
      store.close();
    }
  }

  /** One store, the session loaded before measuring. */
  @State(Scope.Benchmark)
  public static class Warm {
    FileSessionStore store;

    @Setup(Level.Trial)
    public void open() {
      store = FileSessionStore.open(ReadFixtures.fileTenThousandMessages());
      loadAll(store);
    }

    @TearDown(Level.Trial)
    public void close() {
      store.close();
    }
  }

  @Benchmark
  public long cold(Cold s) {
    return loadAll(s.store);
  }

  @Benchmark
  public long warm(Warm s) {
    return loadAll(s.store);
  }

  static long loadAll(SessionStore store) {
    Page<Message> page = store.messages(ReadFixtures.BIG_SESSION, MessageQuery.earliest(MessageQuery.MAX_LIMIT));
    long count = page.items().size();
    long chars = 0;
    while (true) {
      for (Message m : page.items()) {
        chars += m.content().length();
      }
      if (page.nextCursor().isEmpty()) {
        break;
      }
      page = store.messages(ReadFixtures.BIG_SESSION, MessageQuery.from(page.nextCursor().get(), MessageQuery.MAX_LIMIT));
      count += page.items().size();
    }
    if (count != ReadFixtures.FILE_MESSAGES) {
      throw new IllegalStateException("loaded " + count + " messages, expected " + ReadFixtures.FILE_MESSAGES);
    }
    return chars;
  }
}

package dev.chatstore.bench;

import dev.chatstore.Message;
import dev.chatstore.MessageQuery;
import dev.chatstore.NewMessage;
import dev.chatstore.NewSession;
import dev.chatstore.Page;
import dev.chatstore.SessionStore;
import dev.chatstore.bench.support.BenchPaths;
import dev.chatstore.bench.support.Texts;
import dev.chatstore.crypto.Encryption;
import dev.chatstore.crypto.KeyProvider;
import dev.chatstore.file.FileSessionStore;
import dev.chatstore.jdbc.JdbcSessionStore;
import dev.chatstore.spi.StoreBuilder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 13: what encryption at rest costs. The same store opened plain and encrypted (AES-256-GCM,
 * {@code encryption=true}), on H2 and on the file store with their durable defaults: one
 * {@code append} onto a session of {@value #SESSION_MESSAGES} messages (single shots: the session grows),
 * and reading its newest page of 50 (an average over whole seconds). Both variants run in the same JMH run, so the ratio encrypted / plain compares like with like;
 * the target is 1.3x. The fixture is written by the store itself (an encrypted fixture must be sealed
 * by the store that reads it), fresh for every trial.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Benchmark)
public class EncryptionBenchmark {
  /** Appends (or page reads) per iteration, unless {@code -opi} overrides it. */
  static final int OPS = 200;
  /** How long the session is before the appends start. */
  static final int SESSION_MESSAGES = 2_000;

  @Param({"h2", "file"})
  String backend;

  @Param({"false", "true"})
  boolean encrypted;

  private Path folder;
  private SessionStore store;
  private String appendTo;
  private String readFrom;
  private int ops;

  @Setup(Level.Trial)
  public void open(BenchmarkParams params) {
    ops = params.getOpsPerInvocation();
    folder = BenchPaths.scratch("encryption-" + backend + "-" + encrypted);
    store = backend.equals("h2") ? configured(JdbcSessionStore.h2Builder(folder)).open()
        : configured(FileSessionStore.builder(folder)).open();
    appendTo = filled();
    readFrom = filled();
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
    BenchPaths.deleteTree(folder);
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public void append(Blackhole bh) {
    for (int i = 0; i < ops; i++) {
      bh.consume(store.append(appendTo, NewMessage.user(Texts.message())));
    }
  }

  /**
   * Reading changes nothing, so it is timed as an average over whole seconds: the single shots of
   * {@link #append} gave this sub-millisecond read an error as large as the difference it measures.
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 5, time = 1)
  @Measurement(iterations = 10, time = 1)
  public Page<Message> newestPage() {
    Page<Message> page = store.messages(readFrom, MessageQuery.latest(50));
    if (page.items().size() != 50) {
      throw new IllegalStateException("a page of " + page.items().size()); // a wrong page must not pass
    }
    return page;
  }

  private <B extends StoreBuilder<B, ?>> B configured(B builder) {
    if (encrypted) {
      byte[] key = new byte[Encryption.KEY_BYTES];
      Arrays.fill(key, (byte) 7);
      builder.encryption(Encryption.aesGcm(KeyProvider.of("bench-1", Map.of("bench-1", key))));
    }
    return builder;
  }

  private String filled() {
    String id = store.createSession(NewSession.forOwner("bench").title("encryption bench").build()).id();
    for (int done = 0; done < SESSION_MESSAGES; done += 500) {
      store.appendAll(id, Texts.conversation(500));
    }
    return id;
  }
}

package dev.chatstore.bench.support;

import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import dev.chatstore.file.FileSessionStore;
import dev.chatstore.file.FsyncPolicy;
import dev.chatstore.jdbc.JdbcSessionStore;
import java.nio.file.Path;

/**
 * The starting data of the append benchmarks, built once per (backend, n, appends) as a cached
 * {@link Fixture} and copied into a scratch folder for each trial, since appending changes it.
 * An H2 database also gets a filler session so that it holds at least {@link #H2_MIN_MESSAGES}
 * messages whatever n is: then only the session's length differs between sizes, not the table's.
 * Stateless.
 */
public final class AppendFixtures {
  /** Owner of every append-target session. */
  public static final String OWNER = "bench-owner";
  /** Messages every H2 append database holds at least. */
  public static final long H2_MIN_MESSAGES = 100_000;

  private AppendFixtures() {}

  /** A fresh copy of the H2 append fixture for size {@code n}, in a new scratch folder. */
  public static Path h2(int n, long appends) {
    String recipe = "v1 h2 n=" + n + " sessions=" + AppendTargets.sessionsFor(n, appends)
        + " growth=" + AppendTargets.growth(n) + " min=" + H2_MIN_MESSAGES + " chars=" + Texts.MESSAGE_CHARS;
    Path template = Fixture.ensure("h2-append-n" + n + "-a" + appends, recipe, folder -> {
      try (JdbcSessionStore store = H2Bench.openForBuilding(folder)) {
        AppendTargets.build(store, OWNER, n, appends);
        long held = (long) n * AppendTargets.sessionsFor(n, appends);
        if (held < H2_MIN_MESSAGES) {
          String filler = store.createSession(NewSession.forOwner("bench-filler").title("filler").build()).id();
          Fill.session(store, filler, H2_MIN_MESSAGES - held);
        }
      }
    }, folder -> true);
    return copy(template, "h2-append-n" + n);
  }

  /** A fresh copy of the file-store append fixture for size {@code n}, in a new scratch folder. */
  public static Path file(int n, long appends) {
    String recipe = "v1 file n=" + n + " sessions=" + AppendTargets.sessionsFor(n, appends)
        + " growth=" + AppendTargets.growth(n) + " chars=" + Texts.MESSAGE_CHARS;
    Path template = Fixture.ensure("file-append-n" + n + "-a" + appends, recipe, folder -> {
      // fsync is off while building only: the data is the same, and the copy is what gets measured
      try (SessionStore store = FileSessionStore.builder(folder).fsync(FsyncPolicy.none()).open()) {
        AppendTargets.build(store, OWNER, n, appends);
      }
    }, folder -> true);
    return copy(template, "file-append-n" + n);
  }

  private static Path copy(Path template, String name) {
    Path scratch = BenchPaths.scratch(name);
    long start = System.nanoTime();
    BenchPaths.copyTree(template, scratch);
    System.out.printf("[append] copied %s in %d ms%n", template.getFileName(), (System.nanoTime() - start) / 1_000_000);
    return scratch;
  }
}

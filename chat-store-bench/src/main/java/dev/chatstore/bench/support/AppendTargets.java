package dev.chatstore.bench.support;

import dev.chatstore.NewSession;
import dev.chatstore.SessionStore;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The sessions an append benchmark appends to, each filled to exactly {@code n} messages beforehand.
 * Appends go to one session until it has grown by {@link #growth(int)} (10% of n, at least 10), then
 * move on to the next, so every measured append lands on a session of n to 1.1 n messages (n to n + 10
 * for small n) however many iterations were planned; appends past the plan stay on the last session.
 * Not thread-safe: one benchmark thread.
 */
public final class AppendTargets {
  private final List<String> sessionIds;
  private final int growth;
  private long appended;

  private AppendTargets(List<String> sessionIds, int growth) {
    this.sessionIds = sessionIds;
    this.growth = growth;
  }

  /** How many appends one session takes before the next one is used. */
  public static int growth(int n) {
    return Math.max(10, n / 10);
  }

  /**
   * Appends a trial of a SingleShotTime benchmark with these parameters makes, warmup included, when
   * each invocation appends {@code getOpsPerInvocation()} times.
   */
  public static long appendsPerTrial(BenchmarkParams params) {
    long invocations = (long) params.getWarmup().getCount() * params.getWarmup().getBatchSize()
        + (long) params.getMeasurement().getCount() * params.getMeasurement().getBatchSize();
    return invocations * params.getOpsPerInvocation();
  }

  /** How many sessions {@code appends} appends need at size {@code n}. */
  public static int sessionsFor(int n, long appends) {
    int g = growth(n);
    return (int) Math.max(1, (appends + g - 1) / g);
  }

  /** The id of target session {@code i} (fixed, so a cached fixture needs no list of ids). */
  public static String sessionId(int i) {
    return String.format("append-target-%06d", i);
  }

  /** Creates {@link #sessionsFor} sessions of {@code n} messages each in {@code store}. */
  public static void build(SessionStore store, String ownerId, int n, long appends) {
    int count = sessionsFor(n, appends);
    for (int i = 0; i < count; i++) {
      store.createSession(NewSession.forOwner(ownerId).id(sessionId(i)).title("append target " + i).build());
      Fill.session(store, sessionId(i), n);
    }
    System.out.printf("[append] built %d sessions of %d messages (%d appends each)%n", count, n, growth(n));
  }

  /** The targets {@link #build} made for these arguments. */
  public static AppendTargets of(int n, long appends) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < sessionsFor(n, appends); i++) {
      ids.add(sessionId(i));
    }
    return new AppendTargets(ids, growth(n));
  }

  /** The targets' session ids (to load them before measuring, say). */
  public List<String> sessionIds() {
    return List.copyOf(sessionIds);
  }

  /** The session the next append goes to. */
  public String next() {
    int index = (int) Math.min(appended++ / growth, sessionIds.size() - 1);
    return sessionIds.get(index);
  }
}

package dev.chatstore.testkit.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.testkit.Waiting;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A child JVM running a backend's store (built by its {@link StoreFactory}) at one task, seen from
 * the test: what it reported so far, and {@link #kill()}, a SIGKILL ({@code destroyForcibly}): no
 * shutdown hook, no {@code finally}, no {@code close()} runs in the child.
 *
 * <p>The child's stdout is read on a thread of its own, so every wait is bounded by
 * {@link Waiting#TIMEOUT} and a child that died or hung fails the test with what it printed on stderr.
 * After {@link #kill()} the reports hold every line the child printed before it died, not only those
 * the test had waited for: each is an acknowledged write the reopened store must have. Close it in a
 * try-with-resources block, so that a failed test never leaves a child running. Not thread-safe.
 */
public final class ChildStore implements AutoCloseable {
  private final Process process;
  private final Path stderr;
  private final Thread reader;
  private final ChildReports reports = new ChildReports();

  private ChildStore(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.reader = new Thread(this::read, "child-store-stdout-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a JVM on this test's class path that opens {@code factory}'s store at {@code location} and
   * does {@code task}. The factory is checked here first, so a wrong one fails before a JVM starts.
   */
  public static ChildStore start(Class<? extends StoreFactory> factory, String location, ChildTask task) {
    CrashChild.factory(factory.getName());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // surefire may run tests from a manifest-only jar; this property then holds the real class path
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    try {
      Path stderr = Files.createTempFile("chat-store-child-", ".stderr");
      // The JVM's own warnings go to stderr, where they cannot mix with the reports on stdout.
      Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+DisplayVMOutputToStderr",
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          "-cp", classPath, CrashChild.class.getName(), task.name(), factory.getName(), location)
          .redirectError(stderr.toFile())
          .start();
      return new ChildStore(process, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start a child JVM", e);
    }
  }

  /** The session the child created (APPEND, STREAM). */
  public String sessionId() {
    return await("the child's session", () -> reports.session);
  }

  /** The id of the message the child streams (STREAM, STREAM_CHANNELS). */
  public String streamedMessageId() {
    return await("the child's stream", () -> reports.stream);
  }

  /** Waits until the child acknowledged at least {@code count} messages (APPEND); returns them all. */
  public List<AcknowledgedAppend> awaitAppends(int count) {
    await(count + " acknowledged appends",
        () -> reports.appends.size() >= count ? Optional.of(true) : Optional.empty());
    return appends();
  }

  /**
   * Waits until the child's stream acknowledged {@code count} flushes (STREAM, STREAM_CHANNELS); returns the length of
   * the text the last one acknowledged.
   */
  public int awaitFlushes(int count) {
    await(count + " acknowledged flushes", () -> reports.flushes >= count ? Optional.of(true) : Optional.empty());
    return flushedLength();
  }

  /** Waits until the child has the store open (HOLD). */
  public void awaitOpen() {
    await("the child to open the store", () -> reports.open ? Optional.of(true) : Optional.empty());
  }

  /** Every message the child reported acknowledged so far, in the order it did. */
  public List<AcknowledgedAppend> appends() {
    synchronized (reports) {
      return List.copyOf(reports.appends);
    }
  }

  /** The length of the streamed text the child's last reported flush acknowledged; 0 before any. */
  public int flushedLength() {
    synchronized (reports) {
      return reports.flushedLength;
    }
  }

  /** The length of the streamed reasoning the last reported flush acknowledged (STREAM_CHANNELS); 0 before any. */
  public int flushedReasoningLength() {
    synchronized (reports) {
      return reports.flushedReasoningLength;
    }
  }

  /** How many flushes of the stream the child reported acknowledged so far. */
  public int flushes() {
    synchronized (reports) {
      return reports.flushes;
    }
  }

  /**
   * SIGKILL: the child dies wherever it is. Returns once it is dead and every line it printed before
   * has been read.
   */
  public void kill() {
    process.destroyForcibly();
    awaitExit();
    try {
      reader.join(Waiting.TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while reading the killed child's output", e);
    }
    assertThat(reader.isAlive()).as("the killed child's output was read to its end").isFalse();
  }

  /**
   * Lets a HOLD child close its store (closes its stdin) and waits for it to exit; returns its exit
   * code, 0 when it closed the store cleanly.
   */
  public int release() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int code = awaitExit();
    if (code == 0) {
      await("the child to close the store", () -> reports.closed ? Optional.of(true) : Optional.empty());
    }
    return code;
  }

  /** Waits for the child to end by itself (a HOLD child that could not open the store); its exit code. */
  public int awaitExit() {
    try {
      assertThat(process.waitFor(Waiting.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
          .as("the child JVM ended within %s", Waiting.TIMEOUT).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the child", e);
    }
    return process.exitValue();
  }

  /** Kills the child if it still runs and deletes its stderr file. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(Waiting.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(stderr);
    } catch (IOException e) {
      // a temporary file left behind harms nothing
    }
  }

  private <T> T await(String what, Supplier<Optional<T>> reported) {
    Object[] found = new Object[1];
    Waiting.waitFor(what + " from the child JVM", () -> {
      synchronized (reports) {
        Optional<T> value = reported.get();
        if (value.isPresent()) {
          found[0] = value.get();
          return true;
        }
        if (reports.ended) {
          throw new AssertionError("the child JVM ended before reporting " + what + "; " + diagnosis());
        }
        return false;
      }
    });
    @SuppressWarnings("unchecked")
    T value = (T) found[0];
    return value;
  }

  private void read() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      StringBuilder line = new StringBuilder();
      for (int c = out.read(); c != -1; c = out.read()) {
        if (c == '\n') {
          synchronized (reports) {
            reports.take(line.toString());
          }
          line.setLength(0);
        } else {
          line.append((char) c);
        }
      }
      // an unterminated last line is a report the kill cut short: not one the child completed
    } catch (IOException e) {
      // the pipe broke: the child is gone; what was read stands
    } finally {
      synchronized (reports) {
        reports.ended = true;
      }
    }
  }

  private String diagnosis() {
    String exit = process.isAlive() ? "still running" : "exit code " + process.exitValue();
    String err;
    try {
      List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8);
      err = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      err = "(unreadable: " + e.getMessage() + ")";
    }
    return exit + ", last line on stdout: " + reports.last + ", stderr:\n" + err;
  }
}

package dev.chatstore.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A child JVM running {@link ChildMain} on the test classpath, read line by line, killed at will. */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final List<String> lines = new ArrayList<>();

  private ChildJvm(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static ChildJvm start(String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // surefire runs tests from a manifest-only jar; this property holds the real classpath
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", classpath, ChildMain.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    return new ChildJvm(builder.start());
  }

  /** Reads lines until one matches; fails if the child ends first. */
  String awaitLine(Predicate<String> matches) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      lines.add(line);
      if (matches.test(line)) {
        return line;
      }
    }
    throw new AssertionError("the child exited (" + exitCode() + ") before printing the expected line; it printed "
        + lines.size() + " lines, the last: " + (lines.isEmpty() ? "none" : lines.get(lines.size() - 1)));
  }

  /** Reads until {@code count} lines match, returning those. */
  List<String> awaitLines(Predicate<String> matches, int count) throws IOException {
    List<String> matched = new ArrayList<>();
    while (matched.size() < count) {
      matched.add(awaitLine(matches));
    }
    return matched;
  }

  /** {@code Process.destroyForcibly()}, SIGKILL on Unix: no shutdown hooks, no finally blocks, no close. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
  }

  /** Every line read so far (killing closes the pipe: what was not read is lost, not unacknowledged). */
  List<String> lines() {
    return List.copyOf(lines);
  }

  void closeStdin() throws IOException {
    process.getOutputStream().close();
  }

  int waitForExit() throws InterruptedException {
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the child exited").isTrue();
    return process.exitValue();
  }

  private String exitCode() {
    return process.isAlive() ? "still running" : String.valueOf(process.exitValue());
  }

  /** Kills the child if it still runs (a failed test must not leave it behind). */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

package dev.chatstore.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A {@link KillChild} JVM on the test's class path, read line by line and killed with SIGKILL. */
final class KillChildProcess {
  private final Process process;
  private final BufferedReader out;

  private KillChildProcess(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  static KillChildProcess start(String mode, Path folder) throws IOException {
    return start(mode, folder.toString());
  }

  /** {@code target} is an H2 folder or a JDBC URL (see {@link KillChild}). */
  static KillChildProcess start(String mode, String target) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", KillChild.class.getName(), mode, target)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    return new KillChildProcess(p);
  }

  /** Reads lines until one starts with {@code key}, returning the rest of it. */
  String valueOf(String key) throws IOException {
    String[] found = new String[1];
    readUntil(line -> {
      if (line.startsWith(key + " ")) {
        found[0] = line.substring(key.length() + 1);
        return true;
      }
      return false;
    });
    return found[0];
  }

  void readUntil(Predicate<String> done) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (done.test(line)) {
        return;
      }
    }
    throw new AssertionError("the child exited (code " + exitCode() + ") before writing enough");
  }

  /**
   * Reads the "flushed LENGTH" lines of a streaming child until {@code flushes} of them came; returns
   * the length the last one acknowledged.
   */
  int lengthAfterFlushes(int flushes) throws IOException {
    int[] length = new int[1];
    int[] seen = new int[1];
    readUntil(line -> {
      if (line.startsWith("flushed ")) {
        length[0] = Integer.parseInt(line.substring("flushed ".length()));
        seen[0]++;
      }
      return seen[0] >= flushes;
    });
    return length[0];
  }

  /** SIGKILL on Linux: no shutdown hook, no H2 close, no flush of anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
  }

  private String exitCode() {
    try {
      return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}

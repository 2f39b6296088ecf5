package dev.chatstore.examples.cli;

import dev.chatstore.SessionStore;
import dev.chatstore.jdbc.JdbcSessionStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@link ChatCli#run} over one data folder, as a user's shell would, and keeps what it printed. */
final class Cli {
  private static final Pattern STARTED = Pattern.compile("Started chat (\\S+)");

  private final Path dir;

  Cli(Path dir) {
    this.dir = dir;
  }

  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of("--dir", dir.toString()));
    all.addAll(List.of(args));
    return runRaw(all.toArray(String[]::new));
  }

  static Result runRaw(String... args) {
    return runOver(JdbcSessionStore::h2, args);
  }

  /** Runs the CLI over the store {@code opener} opens in the data folder, with no --dir added. */
  static Result runOver(Function<Path, SessionStore> opener, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ChatCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), opener);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Starts a chat with a first message and returns its id. */
  String newChat(String message) {
    Result r = run("new", message);
    if (r.code() != 0) {
      throw new AssertionError("new failed: " + r);
    }
    return r.startedId();
  }

  record Result(int code, String out, String err) {
    String startedId() {
      Matcher m = STARTED.matcher(out);
      if (!m.find()) {
        throw new AssertionError("no chat started in: " + out);
      }
      return m.group(1);
    }
  }
}

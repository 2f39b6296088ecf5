package dev.chatstore.examples.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line split into options ({@code --name value}, {@code --name=value}, {@code --flag})
 * and positional words. Unknown options and options without their value are refused here.
 */
final class CliArgs {
  static final Set<String> VALUED = Set.of("dir", "owner", "chat-id", "title", "format", "output", "page",
      "page-size", "limit", "after");
  static final Set<String> FLAGS = Set.of("list-chats", "new-chat", "latest", "fresh-ids", "replace", "metadata",
      "deleted", "help");

  private final Map<String, String> options = new LinkedHashMap<>();
  private final List<String> words = new ArrayList<>();

  static CliArgs parse(String[] args) {
    CliArgs parsed = new CliArgs();
    boolean onlyWords = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (onlyWords || !arg.startsWith("--")) {
        parsed.words.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        onlyWords = true;
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (FLAGS.contains(name)) {
        if (value != null) {
          throw new CliException(ExitCode.USAGE, "option --" + name + " takes no value");
        }
        parsed.put(name, "");
      } else if (VALUED.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            throw new CliException(ExitCode.MISSING_ARGUMENT, "option --" + name + " needs a value");
          }
          value = args[++i];
        }
        parsed.put(name, value);
      } else {
        throw new CliException(ExitCode.USAGE, "unknown option --" + name + " (try 'chat help')");
      }
    }
    return parsed;
  }

  private void put(String name, String value) {
    if (options.put(name, value) != null) {
      throw new CliException(ExitCode.USAGE, "option --" + name + " is given twice");
    }
  }

  boolean has(String name) {
    return options.containsKey(name);
  }

  Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** A whole number option within bounds, or the default. */
  int number(String name, int fallback, int min, int max) {
    Optional<String> value = option(name);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.get().trim());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new CliException(ExitCode.INVALID_VALUE,
          "--" + name + " must be a whole number from " + min + " to " + max + ", was '" + value.get() + "'");
    }
  }

  List<String> words() {
    return words;
  }

  /**
   * The one word after the command ({@code chat delete ID}): refuses none as a missing argument and
   * more than one as a usage error. {@code noun} names it, {@code usage} is the command's synopsis.
   */
  String single(String command, String noun, String usage) {
    if (words.size() < 2) {
      throw new CliException(ExitCode.MISSING_ARGUMENT, "'" + command + "' needs a " + noun + ": " + usage);
    }
    if (words.size() > 2) {
      throw new CliException(ExitCode.USAGE, "'" + command + "' takes one " + noun + ", got more: '" + words.get(2)
          + "'");
    }
    return words.get(1);
  }

  /** Refuses options that the command does not take. */
  void allowOnly(String command, Set<String> allowed) {
    for (String name : options.keySet()) {
      if (!allowed.contains(name) && !name.equals("dir") && !name.equals("owner")) {
        throw new CliException(ExitCode.USAGE, "'" + command + "' does not take --" + name);
      }
    }
  }
}

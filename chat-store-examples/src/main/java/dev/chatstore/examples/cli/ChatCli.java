package dev.chatstore.examples.cli;

import dev.chatstore.ChatStoreException;
import dev.chatstore.ConflictException;
import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.NotFoundException;
import dev.chatstore.SessionQuery;
import dev.chatstore.SessionStore;
import dev.chatstore.UnavailableException;
import dev.chatstore.jdbc.JdbcSessionStore;
import dev.chatstore.manager.SessionManager;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A command-line chat over the embedded default store (an H2 database in {@code --dir}): list,
 * show, start and resume chats, send a message (answered by a simulated model that streams an echo),
 * search, rename, delete and restore, export and import. Every command runs on the {@code --owner}'s
 * view of the store ({@link SessionStore#forOwner}), so another owner's chats are unknown ids. Usage is
 * in chat-store-examples/CLI.md and {@code chat help}; every bad input gets one line on stderr and its
 * own {@link ExitCode}.
 */
public final class ChatCli {
  /** Where chats are kept when {@code --dir} is not given. */
  public static final String DEFAULT_DIR = "./chat-store-data";
  /** Whose chats these are when {@code --owner} is not given. */
  public static final String DEFAULT_OWNER = "local";

  private ChatCli() {}

  public static void main(String[] args) {
    // A program's own output matters more than the library's INFO lines.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /** Runs one command line and returns its exit code; what main does, callable from tests. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, JdbcSessionStore::h2);
  }

  /** {@link #run(String[], PrintStream, PrintStream)} over the store {@code opener} opens in the data folder. */
  static int run(String[] args, PrintStream out, PrintStream err, Function<Path, SessionStore> opener) {
    try {
      CliArgs parsed = CliArgs.parse(args);
      boolean helpWord = !parsed.words().isEmpty() && parsed.words().get(0).equals("help");
      if (parsed.has("help") || (!hasShortcut(parsed) && (parsed.words().isEmpty() || helpWord))) {
        Usage.print(out);
        return ExitCode.OK.code();
      }
      Command command = command(parsed);
      String owner = owner(parsed);
      try (SessionStore shared = open(parsed, opener)) {
        // Every command sees the store through the owner's view: another owner's chat is an unknown id.
        SessionStore store = shared.forOwner(owner);
        command.run(new CliContext(store, SessionManager.of(store, owner), out), parsed);
      }
      return ExitCode.OK.code();
    } catch (CliException e) {
      return fail(err, e.exitCode(), e.getMessage());
    } catch (ChatStoreException e) {
      return failure(err, e);
    } catch (RuntimeException e) { // a bug: still one line, and a code that says so
      return fail(err, ExitCode.INTERNAL_ERROR, "internal error: " + e);
    }
  }

  private static boolean hasShortcut(CliArgs args) {
    return args.has("list-chats") || args.has("new-chat") || args.has("chat-id") || args.has("latest");
  }

  // Shortcut flags first (they are what a chat UI's command line passes), then command words.
  private static Command command(CliArgs args) {
    List<String> words = args.words();
    if (args.has("list-chats")) {
      return new ListChats();
    }
    if (args.has("new-chat")) {
      return new SendMessage(SendMessage.Target.NEW, false);
    }
    // With --chat-id or --latest the words are the message ("show me the money" is not 'show'),
    // except for 'send', the one command that takes those options.
    boolean send = !words.isEmpty() && words.get(0).equals("send");
    if (args.has("chat-id") && !send) {
      return new SendMessage(SendMessage.Target.BY_ID, false);
    }
    if (args.has("latest") && !send) {
      return new SendMessage(SendMessage.Target.LATEST, false);
    }
    return Commands.named(words.get(0));
  }

  private static SessionStore open(CliArgs args, Function<Path, SessionStore> opener) {
    String dir = args.option("dir").orElse(DEFAULT_DIR);
    Path folder;
    try {
      folder = Path.of(dir);
    } catch (InvalidPathException e) {
      throw new CliException(ExitCode.INVALID_VALUE, "--dir is not a usable path: " + dir);
    }
    try {
      return opener.apply(folder);
    } catch (InvalidInputException e) {
      if (!e.field().equals("folder")) {
        throw e;
      }
      throw new CliException(ExitCode.INVALID_VALUE, "--dir " + dir + " is not a directory");
    }
  }

  private static String owner(CliArgs args) {
    String owner = args.option("owner").orElse(DEFAULT_OWNER);
    try {
      return SessionQuery.of(owner).ownerId(); // checked as the store checks it, before opening anything
    } catch (InvalidInputException e) {
      throw new CliException(ExitCode.INVALID_VALUE, "--owner " + e.reason());
    }
  }

  private static int failure(PrintStream err, ChatStoreException e) {
    if (e instanceof NotFoundException nf) {
      return fail(err, ExitCode.UNKNOWN_ID, "no chat or message with id '" + nf.id() + "'");
    }
    if (e instanceof InvalidInputException invalid) {
      boolean id = invalid.field().equals("sessionId") || invalid.field().equals("messageId")
          || invalid.field().equals("id");
      return fail(err, id ? ExitCode.INVALID_ID : ExitCode.INVALID_VALUE,
          (id ? "invalid id: " : "invalid ") + invalid.field() + " " + invalid.reason());
    }
    if (e instanceof ConflictException) {
      return fail(err, ExitCode.CONFLICT, e.getMessage());
    }
    if (e instanceof UnavailableException) {
      return fail(err, ExitCode.STORAGE_UNAVAILABLE, "storage unavailable: " + e.getMessage());
    }
    if (e instanceof CorruptDataException) {
      return fail(err, ExitCode.CORRUPT_DATA, e.getMessage());
    }
    return fail(err, ExitCode.INTERNAL_ERROR, "internal error: " + e.getMessage());
  }

  private static int fail(PrintStream err, ExitCode code, String message) {
    err.println("chat: " + oneLine(message));
    return code.code();
  }

  private static String oneLine(String text) {
    return String.valueOf(text).replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  /** The commands by name. */
  static final class Commands {
    private Commands() {}

    static Command named(String name) {
      switch (name) {
        case "list":
          return new ListChats();
        case "show":
          return new ShowChat();
        case "new":
          return new SendMessage(SendMessage.Target.NEW, true);
        case "send":
          return new SendMessage(SendMessage.Target.FROM_OPTIONS, true);
        case "search":
          return new SearchChats();
        case "rename":
          return new RenameChat();
        case "delete":
          return new DeleteChat();
        case "restore":
          return new RestoreChat();
        case "export":
          return new ExportChat();
        case "import":
          return new ImportChat();
        default:
          throw new CliException(ExitCode.USAGE, "unknown command '" + name + "' (try 'chat help')");
      }
    }
  }
}

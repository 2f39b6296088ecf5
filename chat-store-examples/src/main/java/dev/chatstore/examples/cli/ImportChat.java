package dev.chatstore.examples.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatstore.ChatSession;
import dev.chatstore.InvalidInputException;
import dev.chatstore.transfer.ImportOptions;
import dev.chatstore.transfer.ImportResult;
import dev.chatstore.transfer.ImportSource;
import dev.chatstore.transfer.SessionImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * {@code import FILE [--fresh-ids] [--replace]}: a JSON or JSONL export into the user's chats, through
 * the user's view of the store, so the chat becomes the user's and --replace only ever replaces one of
 * the user's own chats. A chat id another user's chat holds gets new ids, as the importer decides.
 */
final class ImportChat implements Command {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void run(CliContext context, CliArgs args) {
    args.allowOnly("import", Set.of("fresh-ids", "replace"));
    String fileName = args.single("import", "file", "chat import FILE [--fresh-ids]");
    Path file = readable(fileName);
    // The view makes the chat the user's anyway; naming the owner lets the importer check the key as theirs.
    ImportOptions options = ImportOptions.defaults().withOwner(context.manager().ownerId());
    if (args.has("fresh-ids")) {
      options = options.withFreshIds();
    } else if (args.has("replace")) {
      options = options.replacingExisting();
    }
    ImportResult result;
    try {
      result = SessionImporter.of(context.store()).importSession(ImportSource.of(file), options);
    } catch (InvalidInputException e) {
      throw new CliException(ExitCode.BAD_FILE, file.getFileName() + " is not a valid chat-store export: "
          + e.field() + " " + e.reason(), e);
    }
    ChatSession chat = result.session();
    boolean renamed = !args.has("fresh-ids") && headerId(file).filter(id -> !id.equals(chat.id())).isPresent();
    context.out().println("Imported chat " + chat.id() + " (\"" + Text.title(chat.title()) + "\", "
        + result.messagesImported() + " messages)" + (result.replaced() ? ", replacing the one that was there" : "")
        + (renamed ? ", with new ids: the file's chat id is in use" : ""));
  }

  private static Path readable(String name) {
    Path file;
    try {
      file = Path.of(name);
    } catch (InvalidPathException e) {
      throw new CliException(ExitCode.FILE_NOT_READABLE, "cannot read '" + name + "': not a usable path");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new CliException(ExitCode.FILE_NOT_READABLE, "cannot read '" + name + "': no such readable file");
    }
    return file;
  }

  // The id in the export's chat, to tell the user when the import had to take new ids; empty if the
  // file has none (the import itself then says what is wrong with the file).
  private static Optional<String> headerId(Path file) {
    try (JsonParser parser = JSON.createParser(file.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        if (name.equals("chat")) {
          JsonNode chat = parser.readValueAsTree();
          JsonNode id = chat == null ? null : chat.get("id");
          return id != null && id.isTextual() ? Optional.of(id.textValue()) : Optional.empty();
        }
        parser.skipChildren();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}

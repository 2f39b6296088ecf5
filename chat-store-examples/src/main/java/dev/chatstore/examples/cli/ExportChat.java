package dev.chatstore.examples.cli;

import dev.chatstore.InvalidInputException;
import dev.chatstore.transfer.ExportFormat;
import dev.chatstore.transfer.SessionExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code export ID [--format json|jsonl|md] [--output FILE] [--metadata]}: the chat in the export
 * format (or Markdown) on stdout or in a file. Without --format the file's extension decides, else JSON.
 */
final class ExportChat implements Command {
  @Override
  public void run(CliContext context, CliArgs args) {
    args.allowOnly("export", Set.of("format", "output", "metadata"));
    String chatId = args.single("export", "chat id", "chat export ID [--format json]");
    Optional<Path> output = args.option("output").map(ExportChat::path);
    ExportFormat format = format(args.option("format"), output);
    if (args.has("metadata") && format != ExportFormat.MARKDOWN) {
      throw new CliException(ExitCode.INVALID_VALUE, "--metadata is for --format md (JSON exports always hold it)");
    }
    String id = context.manager().get(chatId).id(); // another user's chat is unknown here
    SessionExporter exporter = SessionExporter.builder(context.store()).markdownMetadata(args.has("metadata")).build();
    if (output.isEmpty()) {
      exporter.export(id, format, context.out());
      return;
    }
    long messages;
    try (OutputStream file = Files.newOutputStream(output.get())) {
      messages = exporter.export(id, format, file);
    } catch (IOException e) {
      throw new CliException(ExitCode.OUTPUT_NOT_WRITABLE,
          "could not write " + output.get() + ": " + WriteFailure.reason(output.get(), e), e);
    }
    context.out().println("Exported chat " + id + " (" + messages + " messages) to " + output.get() + " as "
        + format.name().toLowerCase(Locale.ROOT));
  }

  private static ExportFormat format(Optional<String> given, Optional<Path> output) {
    try {
      if (given.isPresent()) {
        return ExportFormat.named(given.get());
      }
    } catch (InvalidInputException e) {
      throw new CliException(ExitCode.INVALID_VALUE, "--format must be json, jsonl or md, was '" + given.get() + "'");
    }
    String name = output.map(p -> String.valueOf(p.getFileName()).toLowerCase(Locale.ROOT)).orElse("");
    for (ExportFormat f : ExportFormat.values()) {
      if (name.endsWith("." + f.extension())) {
        return f;
      }
    }
    return ExportFormat.JSON;
  }

  private static Path path(String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new CliException(ExitCode.INVALID_VALUE, "--output is not a usable path: " + text);
    }
  }
}

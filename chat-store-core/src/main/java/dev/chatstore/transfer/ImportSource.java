package dev.chatstore.transfer;

import dev.chatstore.spi.Checks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where an export is imported from: something that can be opened more than once, because replacing
 * an existing session reads the input through once to check it before anything is purged.
 */
public interface ImportSource {
  /** Opens the export, UTF-8 JSON or JSONL, from its start. */
  InputStream open() throws IOException;

  /** How errors name the input: a file name, or "input". */
  String name();

  static ImportSource of(Path file) {
    Checks.notNull(file, "file");
    return new ImportSource() {
      @Override
      public InputStream open() throws IOException {
        return Files.newInputStream(file);
      }

      @Override
      public String name() {
        return String.valueOf(file.getFileName());
      }
    };
  }

  static ImportSource of(byte[] bytes) {
    byte[] copy = Checks.notNull(bytes, "bytes").clone();
    return new ImportSource() {
      @Override
      public InputStream open() {
        return new ByteArrayInputStream(copy);
      }

      @Override
      public String name() {
        return "input";
      }
    };
  }

  static ImportSource of(String text) {
    return of(Checks.notNull(text, "text").getBytes(StandardCharsets.UTF_8));
  }
}

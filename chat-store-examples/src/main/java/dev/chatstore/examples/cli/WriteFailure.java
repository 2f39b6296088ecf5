package dev.chatstore.examples.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Why a file could not be written, in words: the JDK's exceptions for it often carry only the path
 * ({@code NoSuchFileException: out/x.json}), which repeats what the user typed and explains nothing.
 */
final class WriteFailure {
  private WriteFailure() {}

  static String reason(Path file, IOException e) {
    Path folder = file.toAbsolutePath().getParent();
    if (folder != null && !Files.exists(folder)) {
      return "folder " + folder + " does not exist";
    }
    if (folder != null && !Files.isDirectory(folder)) {
      return folder + " is not a folder";
    }
    if (Files.isDirectory(file)) {
      return "it is a folder";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason(); // the operating system's words: "No space left on device"...
    }
    return String.valueOf(e.getMessage());
  }
}

package dev.chatstore.file.internal;

import dev.chatstore.InvalidInputException;
import dev.chatstore.spi.Checks;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The paths of one store folder, and the one function every path goes through: {@link #inside}
 * refuses any name that would resolve outside its folder, even though ids are already checked
 * (belt and braces: a future id rule must not open a hole). Immutable and thread-safe.
 *
 * <pre>
 * folder/
 *   .lock                 held (FileChannel.tryLock) by the one store that has the folder open
 *   index.jsonl           the session index: a cache of every session's summary
 *   index.stale           present while a store has the folder open; left behind by a crash
 *   sessions/ID.jsonl     one file per session, appended to (a key rotation replaces it whole)
 *   sessions/ID.jsonl.torn  torn tails set aside after a crash (never read by the store)
 * </pre>
 */
final class StoreFolder {
  static final String SESSION_SUFFIX = ".jsonl";
  static final String TORN_SUFFIX = ".jsonl.torn";
  static final String TEMP_MARK = ".tmp-";

  final Path root;
  final Path sessions;
  final Path index;
  final Path staleMarker;
  final Path lockFile;

  StoreFolder(Path folder) {
    this.root = Checks.notNull(folder, "folder").toAbsolutePath().normalize();
    this.sessions = inside(root, "sessions");
    this.index = inside(root, "index.jsonl");
    this.staleMarker = inside(root, "index.stale");
    this.lockFile = inside(root, ".lock");
  }

  /** The session's file; the id is checked first. */
  Path sessionFile(String sessionId) {
    return inside(sessions, Checks.id(sessionId, "sessionId") + SESSION_SUFFIX);
  }

  /** Where torn tails of the session's file are set aside. */
  Path tornFile(String sessionId) {
    return inside(sessions, Checks.id(sessionId, "sessionId") + TORN_SUFFIX);
  }

  /** A fresh temporary name beside {@code target}; hidden, so it can never be taken for a session. */
  static Path tempFor(Path target) {
    return inside(target.getParent(), "." + target.getFileName() + TEMP_MARK + UUID.randomUUID());
  }

  /** The session id a file in {@code sessions/} belongs to, if it is a session file. */
  static Optional<String> sessionIdOf(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(SESSION_SUFFIX) || name.startsWith(".")) {
      return Optional.empty();
    }
    String id = name.substring(0, name.length() - SESSION_SUFFIX.length());
    try {
      return Optional.of(Checks.id(id, "sessionId"));
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
  }

  static boolean isTemp(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") && name.contains(TEMP_MARK);
  }

  /** {@code dir/name}, or {@link InvalidInputException} if that is not a direct child of {@code dir}. */
  static Path inside(Path dir, String name) {
    Checks.notNull(name, "name");
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new InvalidInputException("name", "is not a file name");
    }
    Path resolved;
    try {
      resolved = dir.resolve(name).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new InvalidInputException("name", "is not a file name: " + e.getMessage(), e);
    }
    if (!dir.equals(resolved.getParent()) || resolved.getNameCount() != dir.getNameCount() + 1) {
      throw new InvalidInputException("name", "resolves outside the store folder");
    }
    return resolved;
  }
}

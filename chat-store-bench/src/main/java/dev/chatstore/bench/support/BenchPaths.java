package dev.chatstore.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Where benchmarks keep their data: cached fixtures and scratch folders under
 * {@code chat-store-bench/target/bench-data}, results under {@code chat-store-bench/target/bench-results}
 * (the system property {@code chatstore.bench.dir} moves both). Resolved from the working directory,
 * which JMH forks inherit, so running from the repository root or from the module both work. Stateless.
 */
public final class BenchPaths {
  private BenchPaths() {}

  /** The module's target folder (or the folder the system property names). */
  public static Path base() {
    String configured = System.getProperty("chatstore.bench.dir");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    Path cwd = Path.of("").toAbsolutePath();
    if (Files.isDirectory(cwd.resolve("chat-store-bench"))) {
      return cwd.resolve("chat-store-bench").resolve("target");
    }
    return cwd.resolve("target");
  }

  /** Cached fixtures, reused across forks and runs. */
  public static Path data() {
    return created(base().resolve("bench-data"));
  }

  /** Result files (per-run stream statistics). */
  public static Path results() {
    return created(base().resolve("bench-results"));
  }

  /** A new empty folder for one trial's throw-away data; delete it with {@link #deleteTree}. */
  public static Path scratch(String prefix) {
    return created(data().resolve("scratch").resolve(prefix + "-" + UUID.randomUUID()));
  }

  /** Deletes a folder and everything in it; a missing folder is fine. */
  public static void deleteTree(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try {
      Files.walkFileTree(folder, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + folder, e);
    }
  }

  /**
   * Copies the folder {@code from} (files and subfolders) to {@code to}, which may exist but must be
   * empty, and forces the copies to disk: otherwise the first fsync a benchmark makes on a copied file
   * would also write out the copy, and be charged to the benchmark.
   */
  public static void copyTree(Path from, Path to) {
    try (var paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
          try (FileChannel ch = FileChannel.open(target, StandardOpenOption.WRITE)) {
            ch.force(true);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy " + from + " to " + to, e);
    }
  }

  private static Path created(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + folder, e);
    }
  }
}

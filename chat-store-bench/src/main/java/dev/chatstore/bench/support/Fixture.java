package dev.chatstore.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A big data set built once into {@code bench-data/NAME} and reused by later forks and runs. A
 * {@code NAME.ready} file written after a complete build records what was built; a folder without it
 * (an interrupted build), with another recipe, or that fails the caller's check is rebuilt. Building
 * prints how long it took, so a slow first run is explained. Not thread-safe (JMH forks run one at a
 * time).
 */
public final class Fixture {
  private Fixture() {}

  /**
   * The folder of fixture {@code name}, built by {@code build} unless a valid copy of the same
   * {@code recipe} exists. {@code valid} checks a cached copy (e.g. counts rows); it is not run after
   * a fresh build.
   */
  public static Path ensure(String name, String recipe, Consumer<Path> build, Predicate<Path> valid) {
    Path folder = BenchPaths.data().resolve(name);
    Path ready = BenchPaths.data().resolve(name + ".ready");
    if (Files.isDirectory(folder) && recipe.equals(read(ready))) {
      if (valid.test(folder)) {
        System.out.println("[fixture] reusing " + name + " (" + recipe + ") from " + folder);
        return folder;
      }
      System.out.println("[fixture] " + name + " failed its check; rebuilding");
    }
    try {
      Files.deleteIfExists(ready);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    BenchPaths.deleteTree(folder);
    System.out.println("[fixture] building " + name + " (" + recipe + ") in " + folder + " ...");
    long start = System.nanoTime();
    build.accept(folder);
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    System.out.println("[fixture] built " + name + " in " + seconds + " s");
    try {
      Files.writeString(ready, recipe, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

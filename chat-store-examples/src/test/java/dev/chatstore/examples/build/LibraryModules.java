package dev.chatstore.examples.build;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The library's modules and their dependencies as a module path: the runtime class path of this
 * module plus chat-store-file (a test dependency here), which Maven writes into the system properties
 * {@code chatstore.modulePath} and {@code chatstore.fileModulePath} (see this module's pom).
 */
final class LibraryModules {
  private LibraryModules() {}

  static List<Path> modulePath() {
    String path = property("chatstore.modulePath") + File.pathSeparator + property("chatstore.fileModulePath");
    return Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of)
        .collect(Collectors.toList());
  }

  static String asArgument(List<Path> path) {
    return path.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  /** The module named {@code name} on the module path. */
  static ModuleReference module(String name) {
    Optional<ModuleReference> found = ModuleFinder.of(modulePath().toArray(Path[]::new)).find(name);
    return found.orElseThrow(() -> new IllegalStateException("no module " + name + " on " + modulePath()));
  }

  /** A top-level type of {@code pkg} in that module, a public one if there is, by its binary name. */
  static Optional<String> typeIn(ModuleReference module, String pkg) {
    String prefix = pkg.replace('.', '/') + "/";
    try (ModuleReader reader = module.open(); Stream<String> entries = reader.list()) {
      return entries.filter(e -> e.startsWith(prefix) && e.endsWith(".class") && !e.contains("$")
              && e.indexOf('/', prefix.length()) < 0)
          .map(e -> e.substring(0, e.length() - ".class".length()).replace('/', '.'))
          .sorted(Comparator.comparing((String type) -> !isPublic(type)).thenComparing(type -> type))
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The packages of {@code module} that hold classes (a module's packages also count folders of resources). */
  static List<String> codePackages(ModuleReference module) {
    try (ModuleReader reader = module.open(); Stream<String> entries = reader.list()) {
      return entries.filter(e -> e.endsWith(".class") && e.lastIndexOf('/') > 0 && !e.equals("module-info.class"))
          .map(e -> e.substring(0, e.lastIndexOf('/')).replace('/', '.'))
          .distinct().sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The packages {@code module} exports to every module (not the qualified exports). */
  static List<String> exportedToAll(ModuleDescriptor module) {
    return module.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source).sorted()
        .collect(Collectors.toList());
  }

  /** Whether the type is public (the test's class path holds the same classes as the module path). */
  static boolean isPublic(String className) {
    try {
      return Modifier.isPublic(Class.forName(className, false,
          LibraryModules.class.getClassLoader()).getModifiers());
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank() || value.startsWith("${")) {
      throw new IllegalStateException("system property " + name + " is not set: run this test through Maven "
          + "(chat-store-examples/pom.xml sets it from the dependency plugin's build-classpath)");
    }
    return value;
  }
}

package dev.chatstore.examples.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module boundaries, shown the way a host meets them: on the module path a host module can use
 * what core, jdbc and file export (the API and core's spi) and cannot even compile against their
 * {@code internal} packages; and a host using only the API runs on the module path, which proves the
 * library's module-info files declare all they need (requires, opens) for Jdbi, Jackson and H2.
 * The probe host's sources are in src/test/module-probes; the module path is in {@link LibraryModules}.
 */
class ModuleBoundaryTest {
  private static final List<String> LIBRARY = List.of("dev.chatstore.core", "dev.chatstore.jdbc", "dev.chatstore.file");

  @TempDir
  Path tmp;

  @Test
  void eachLibraryModuleExportsItsApiPackagesAndNoInternalOne() {
    for (String name : LIBRARY) {
      ModuleDescriptor module = LibraryModules.module(name).descriptor();
      assertThat(module.isAutomatic()).as("%s has a module-info", name).isFalse();
      // packages of classes; a folder of resources only (jdbc's SQL migrations) is a package too, encapsulated
      List<String> api = LibraryModules.codePackages(LibraryModules.module(name)).stream().filter(p -> !isInternal(p))
          .sorted().collect(Collectors.toList());
      assertThat(LibraryModules.exportedToAll(module)).as("what %s exports to every module", name)
          .containsExactlyElementsOf(api)
          .noneMatch(ModuleBoundaryTest::isInternal);
    }
    assertThat(LibraryModules.exportedToAll(LibraryModules.module("dev.chatstore.core").descriptor()))
        .contains("dev.chatstore", "dev.chatstore.spi");
  }

  @Test
  void aHostModuleCannotCompileAgainstInternalPackages() throws IOException {
    List<String> internalTypes = new ArrayList<>();
    for (String name : LIBRARY) {
      ModuleReference module = LibraryModules.module(name);
      module.descriptor().packages().stream().filter(ModuleBoundaryTest::isInternal).sorted()
          .forEach(pkg -> LibraryModules.typeIn(module, pkg).ifPresent(internalTypes::add));
    }
    assertThat(internalTypes).as("a type of each internal package")
        .anyMatch(t -> t.startsWith("dev.chatstore.internal."))
        .anyMatch(t -> t.startsWith("dev.chatstore.jdbc.internal."));
    List<String> publicTypes = internalTypes.stream().filter(LibraryModules::isPublic).collect(Collectors.toList());
    assertThat(publicTypes).as("public internal types (core's are used across its packages)")
        .anyMatch(t -> t.startsWith("dev.chatstore.internal."));

    StringBuilder main = new StringBuilder("package host;\n");
    internalTypes.forEach(type -> main.append("import ").append(type).append(";\n"));
    main.append("public final class Main {}\n");
    Path src = tmp.resolve("host-src");
    Path mainFile = write(src.resolve("host/Main.java"), main.toString());
    Path moduleInfo = write(src.resolve("module-info.java"),
        "module host { requires dev.chatstore.jdbc; requires dev.chatstore.file; }\n");

    Javac.Result asModule = Javac.compileFiles(List.of("--module-path", modulePath(), "-d", dir("host-classes")),
        List.of(moduleInfo, mainFile));
    assertThat(asModule.success()).as("a host module importing %s compiled", internalTypes).isFalse();
    for (int i = 0; i < internalTypes.size(); i++) {
      String type = internalTypes.get(i);
      long line = i + 2;
      String pkg = type.substring(0, type.lastIndexOf('.'));
      assertThat(asModule.errors()).as("the error for import %s:%n%s", type, asModule.describe())
          .anySatisfy(e -> {
            assertThat(e.getLineNumber()).isEqualTo(line);
            assertThat(e.getMessage(Locale.ROOT)).contains(pkg).containsAnyOf("does not export", "is not visible");
          });
    }

    // The public ones compile on the class path: it is the module boundary that refuses them.
    StringBuilder plain = new StringBuilder("package host;\n");
    publicTypes.forEach(type -> plain.append("import ").append(type).append(";\n"));
    plain.append("public final class Main {}\n");
    Path plainMain = write(tmp.resolve("classpath-src/host/Main.java"), plain.toString());
    Javac.Result onClassPath = Javac.compileFiles(List.of("-classpath", modulePath(), "-d", dir("classpath-classes")),
        List.of(plainMain));
    assertThat(onClassPath.success()).as(onClassPath.describe()).isTrue();
  }

  @Test
  void aHostModuleOnTheApiCompilesAndRunsOnTheModulePath() throws IOException, InterruptedException {
    Path probeSources = Path.of("src/test/module-probes/probe");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(probeSources)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
    String classes = dir("probe-classes");
    Javac.Result compiled = Javac.compileFiles(List.of("--module-path", modulePath(), "-d", classes), sources);
    assertThat(compiled.success()).as(compiled.describe()).isTrue();

    Path stdout = tmp.resolve("probe.out");
    Path stderr = tmp.resolve("probe.err");
    Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--module-path", modulePath() + File.pathSeparator
        + classes, "-m", "probe/probe.Main", tmp.resolve("h2").toString(), tmp.resolve("files").toString())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    // a guard against a hung child, not a timing check: the probe takes a few seconds
    if (!probe.waitFor(5, TimeUnit.MINUTES)) {
      probe.destroyForcibly().waitFor();
      throw new AssertionError("the probe did not finish; it printed: " + Files.readString(stdout) + Files.readString(stderr));
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertThat(probe.exitValue()).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
    for (String backend : List.of("h2", "file")) {
      assertThat(out.lines().filter(l -> l.startsWith(backend + " ")))
          .as("what the probe read back from %s; stderr:%n%s", backend, err)
          .containsExactly(
              backend + " 1 USER COMPLETE 'Hello from the module path' -",
              backend + " 2 ASSISTANT COMPLETE 'Looking it up' probe-model",
              backend + " 3 TOOL COMPLETE '' -",
              backend + " tool lookup {\"q\":\"modules\"} -> {\"found\":true}",
              backend + " export 4 lines");
    }
    assertThat(err).as("stderr of the probe").isEmpty();
  }

  private static boolean isInternal(String pkg) {
    return pkg.contains(".internal");
  }

  private static String modulePath() {
    return LibraryModules.asArgument(LibraryModules.modulePath());
  }

  private String dir(String name) throws IOException {
    return Files.createDirectories(tmp.resolve(name)).toString();
  }

  private static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }
}

package dev.chatstore.examples.build;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** The JDK's compiler (javax.tools) run in-process, returning its verdict and errors instead of printing them. */
final class Javac {
  private Javac() {}

  /** What one compilation said. */
  record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> errors, String output) {
    /** Every error as "file:line: message", one per line, then anything else javac printed. */
    String describe() {
      return errors.stream()
          .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
              + d.getMessage(Locale.ROOT))
          .collect(Collectors.joining("\n")) + (output.isEmpty() ? "" : "\n" + output);
    }
  }

  /** Compiles sources held in memory, with javac's command-line options. */
  static Result compile(List<String> options, List<? extends JavaFileObject> sources) {
    return run(options, files -> new ArrayList<>(sources));
  }

  /** Compiles source files on disk, with javac's command-line options. */
  static Result compileFiles(List<String> options, List<Path> sources) {
    return run(options, files -> {
      List<JavaFileObject> objects = new ArrayList<>();
      files.getJavaFileObjectsFromPaths(sources).forEach(objects::add);
      return objects;
    });
  }

  private static Result run(List<String> options, Function<StandardJavaFileManager, List<JavaFileObject>> sources) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      boolean ok = compiler.getTask(output, files, diagnostics, options, null, sources.apply(files)).call();
      List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
          .collect(Collectors.toList());
      return new Result(ok, errors, output.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

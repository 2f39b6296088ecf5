package dev.chatstore.examples.build;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call of a static method quoted in the prose of a Markdown file, such as {@code `ImportOptions.defaults()`}:
 * too short to compile on its own, but its type, method name and number of arguments can be checked.
 * Types resolve through the same imports as the snippets ({@link SnippetSource#IMPORTS}) and java.lang,
 * or are written with their package ({@code `dev.chatstore.examples.cli.ChatCli.run(...)`}).
 */
record InlineCall(String at, String code, String type, String method, int arguments) {
  private static final Pattern SPAN = Pattern.compile("`([^`]+)`");
  private static final Pattern CALL = Pattern.compile("^((?:[a-z][a-z0-9]*\\.)*[A-Z][A-Za-z0-9]*)\\.([a-z][A-Za-z0-9]*)\\(");

  /** Every {@code `Type.method(...)`} in the prose of {@code markdown} (a chained call counts by its first). */
  static List<InlineCall> in(MarkdownFile markdown) {
    List<InlineCall> calls = new ArrayList<>();
    for (int number : markdown.proseLines()) {
      Matcher span = SPAN.matcher(markdown.line(number));
      while (span.find()) {
        String code = span.group(1);
        Matcher call = CALL.matcher(code);
        if (call.find()) {
          arguments(code, call.end()).ifPresent(n -> calls.add(new InlineCall(
              markdown.file().toString().replace('\\', '/') + ":" + number, code, call.group(1), call.group(2), n)));
        }
      }
    }
    return calls;
  }

  /** Empty if the call names a public static method that takes that many arguments, else what is wrong. */
  Optional<String> problem() {
    Optional<Class<?>> found = resolve(type);
    if (found.isEmpty()) {
      return Optional.of("no type " + type + " (write it with its package, or it is not in " + String.join(", ", SnippetSource.IMPORTS) + " or java.lang)");
    }
    Method[] methods = found.get().getMethods();
    boolean ok = Arrays.stream(methods).anyMatch(m -> Modifier.isStatic(m.getModifiers()) && m.getName().equals(method)
        && (m.getParameterCount() == arguments || (m.isVarArgs() && arguments >= m.getParameterCount() - 1)));
    if (ok) {
      return Optional.empty();
    }
    boolean instance = Arrays.stream(methods).anyMatch(m -> !Modifier.isStatic(m.getModifiers())
        && m.getName().equals(method));
    return Optional.of(found.get().getName() + " has no static " + method + " taking " + arguments + " argument"
        + (arguments == 1 ? "" : "s") + (instance ? " (" + method + " is an instance method: call it on an object)" : ""));
  }

  private static Optional<Class<?>> resolve(String simpleName) {
    List<String> candidates = new ArrayList<>();
    if (simpleName.contains(".")) {
      candidates.add(simpleName);
    }
    for (String imported : SnippetSource.IMPORTS) {
      if (imported.endsWith(".*")) {
        candidates.add(imported.substring(0, imported.length() - 1) + simpleName);
      } else if (imported.endsWith("." + simpleName)) {
        candidates.add(imported);
      }
    }
    candidates.add("java.lang." + simpleName);
    for (String name : candidates) {
      try {
        return Optional.of(Class.forName(name, false, InlineCall.class.getClassLoader()));
      } catch (ClassNotFoundException e) {
        // not in this package: try the next
      }
    }
    return Optional.empty();
  }

  // The number of arguments between the '(' before 'from' and its ')', counting top-level commas;
  // empty when the parentheses do not close inside the span.
  private static Optional<Integer> arguments(String code, int from) {
    int depth = 1;
    int commas = 0;
    boolean any = false;
    for (int i = from; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
        if (depth == 0) {
          return Optional.of(any ? commas + 1 : 0);
        }
      } else if (c == ',' && depth == 1) {
        commas++;
      }
      any |= !Character.isWhitespace(c) && depth >= 1;
    }
    return Optional.empty();
  }
}

package dev.chatstore.spi;

import dev.chatstore.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Argument checks shared by the records and every backend, so that bad input gets the same typed
 * error everywhere. Not part of the API.
 */
public final class Checks {
  /** Longest id (session or message) accepted. */
  public static final int MAX_ID_LENGTH = 128;
  /** Longest owner or project id accepted. */
  public static final int MAX_OWNER_ID_LENGTH = 256;

  private static final Set<String> RESERVED_NAMES = Set.of("CON", "PRN", "AUX", "NUL",
      "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
      "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

  private Checks() {}

  public static <T> T notNull(T value, String field) {
    if (value == null) {
      throw new InvalidInputException(field, "must not be null");
    }
    return value;
  }

  /** A non-blank string of at most {@code maxLength} UTF-16 chars. */
  public static String notBlank(String value, String field, int maxLength) {
    notNull(value, field);
    if (value.isBlank()) {
      throw new InvalidInputException(field, "must not be blank");
    }
    return maxLength(value, field, maxLength);
  }

  public static String maxLength(String value, String field, int maxLength) {
    notNull(value, field);
    if (value.length() > maxLength) {
      throw new InvalidInputException(field,
          "is " + value.length() + " characters, more than the limit of " + maxLength);
    }
    return value;
  }

  /**
   * A session or message id: 1..128 of {@code [A-Za-z0-9._-]}, not starting with '.', not a reserved
   * device name. Such an id is safe as a file name and cannot point outside a folder.
   */
  public static String id(String value, String field) {
    notNull(value, field);
    if (value.isEmpty() || value.length() > MAX_ID_LENGTH) {
      throw new InvalidInputException(field, "must be 1 to " + MAX_ID_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (!isIdChar(value.charAt(i), i == 0)) {
        throw new InvalidInputException(field,
            "may hold only letters, digits, '.', '_' and '-', and may not start with '.'");
      }
    }
    String base = value.contains(".") ? value.substring(0, value.indexOf('.')) : value;
    if (base.length() <= 4 && RESERVED_NAMES.contains(base.toUpperCase(Locale.ROOT))) {
      throw new InvalidInputException(field, "is a reserved device name");
    }
    return value;
  }

  // Ids become file names in the file backend: ASCII letters, digits, '.', '_' and '-', never a
  // leading '.'. A loop, not a regex: every Message read back checks two ids.
  private static boolean isIdChar(char c, boolean first) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '-' || (c == '.' && !first);
  }

  /** An owner or project id: non-blank, at most 256 chars, no control characters. */
  public static String ownerId(String value, String field) {
    notBlank(value, field, MAX_OWNER_ID_LENGTH);
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new InvalidInputException(field, "must not contain control characters");
      }
    }
    return value;
  }

  /**
   * Refuses text holding a surrogate that is not half of a pair: no UTF-8 database or file can store
   * it, and writing it would silently turn it into '?'. {@code afterHigh} says the text continues one
   * that ended with a high surrogate (a streamed chunk); {@code mayEndHigh} lets it end with one.
   */
  public static String wellFormed(String value, String field, boolean afterHigh, boolean mayEndHigh) {
    int n = value.length();
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < n) {
          if (!Character.isLowSurrogate(value.charAt(i + 1))) {
            throw unpaired(field, i);
          }
          i++;
        } else if (!mayEndHigh) {
          throw unpaired(field, i);
        }
      } else if (Character.isLowSurrogate(c)) {
        if (!(i == 0 && afterHigh)) {
          throw unpaired(field, i);
        }
      } else if (i == 0 && afterHigh) {
        throw new InvalidInputException(field, "must begin with the low surrogate completing the pair the previous"
            + " chunk ended with");
      }
    }
    return value;
  }

  /** {@link #wellFormed(String, String, boolean, boolean)} for a whole text. */
  public static String wellFormed(String value, String field) {
    return wellFormed(notNull(value, field), field, false, false);
  }

  private static InvalidInputException unpaired(String field, int index) {
    return new InvalidInputException(field, "holds an unpaired surrogate at index " + index
        + " (not a character; it cannot be stored)");
  }

  public static int positive(int value, String field) {
    if (value <= 0) {
      throw new InvalidInputException(field, "must be positive, was " + value);
    }
    return value;
  }

  public static long notNegative(long value, String field) {
    if (value < 0) {
      throw new InvalidInputException(field, "must not be negative, was " + value);
    }
    return value;
  }

  /** An immutable copy that refuses null elements, naming the index. */
  public static <T> List<T> list(List<T> values, String field) {
    notNull(values, field);
    List<T> copy = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      copy.add(notNull(values.get(i), field + "[" + i + "]"));
    }
    return Collections.unmodifiableList(copy);
  }

  /** An immutable, order-keeping copy that refuses null keys and values, naming the key. */
  public static <V> Map<String, V> map(Map<String, V> values, String field) {
    notNull(values, field);
    Map<String, V> copy = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : values.entrySet()) {
      String key = notNull(e.getKey(), field + " key");
      copy.put(key, notNull(e.getValue(), field + "." + key));
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Runs {@code action}, whose own checks name fields from their own root (such as {@code id}), so
   * that a refusal names the full path ({@code messages[2].id}); a field already under {@code path}
   * is left as it is.
   */
  public static <T> T under(String path, Supplier<T> action) {
    try {
      return action.get();
    } catch (InvalidInputException e) {
      if (e.field().startsWith(path)) {
        throw e;
      }
      throw new InvalidInputException(path + "." + e.field(), e.reason(), e);
    }
  }
}

package dev.chatstore.internal.transfer;

import dev.chatstore.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A store's refusal of an import batch, renamed for the export: the store names a message by its index
 * in the batch ({@code messages[3].parts[0].text}), the reader of an error by its place in the file.
 */
public final class BatchErrors {
  private static final Pattern IN_BATCH = Pattern.compile("messages\\[(\\d+)](.*)", Pattern.DOTALL);

  private BatchErrors() {}

  /** {@code e} with its {@code messages[i]} moved on by the {@code before} messages of earlier batches. */
  public static InvalidInputException inExport(InvalidInputException e, long before) {
    Matcher m = IN_BATCH.matcher(e.field());
    if (before == 0 || !m.matches()) {
      return e;
    }
    long index = Long.parseLong(m.group(1)) + before;
    return new InvalidInputException("messages[" + index + "]" + m.group(2), e.reason(), e);
  }
}

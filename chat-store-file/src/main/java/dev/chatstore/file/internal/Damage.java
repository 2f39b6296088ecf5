package dev.chatstore.file.internal;

import dev.chatstore.CorruptDataException;
import java.nio.file.Path;

/**
 * Why a message cannot be read: the first of its lines whose sealed values did not open on replay. The
 * replay keeps the message's place (its clear fields say where it stands), so only what reads this
 * message throws, as a JDBC store fails only a page that holds a damaged row.
 */
record Damage(long lineNo, String problem) {

  /** The error of reading the message {@code messageId} of {@code file}. */
  CorruptDataException at(Path file, String messageId) {
    return new CorruptDataException(file + " line " + lineNo,
        "the sealed values of message " + messageId + " do not open: " + problem);
  }
}

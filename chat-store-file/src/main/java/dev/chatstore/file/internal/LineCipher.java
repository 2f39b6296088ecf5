package dev.chatstore.file.internal;

import dev.chatstore.CorruptDataException;
import dev.chatstore.spi.CipherScope;
import dev.chatstore.spi.FieldCipher;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the values of one session file's lines are sealed and opened. A line keeps its structure in clear
 * (event, times, ids, seq, role, status, version, revision, batch) and, on an encrypting store, holds
 * everything else as one JSON object sealed into its {@code "sealed"} field, bound to the session, the
 * message and the line's place: a session line by the session version it sets, a message's line by its
 * index among that message's lines (0 for the line that made it), so a value copied to another file,
 * message or line does not open. The place needs no field of its own: the order of a message's lines is
 * what the file already holds.
 *
 * <p>Records the key id of every line it seals or opens ({@link #CLEAR} for a line whose values are in
 * clear), which tells a key rotation what a file still needs. Not thread-safe: one per replay, read or
 * write. {@link #open} throws {@link BadLine} for a value that is damaged, moved or sealed with another
 * key under the same id, and lets {@link dev.chatstore.crypto.MissingKeyException} through.
 */
final class LineCipher {
  /** The field of a line that holds its sealed values. */
  static final String FIELD = "sealed";
  /** The key id recorded for a line whose values are in clear (written before the store encrypted). */
  static final String CLEAR = "";

  /** Where a message's next line stands among that message's lines. */
  interface Places {
    int of(String messageId);
  }

  private final FieldCipher cipher;
  private final String sessionId;
  private final Places places;
  private Set<String> keyIds; // made on first use: most readers never ask
  private Set<String> kept;
  private boolean opened;

  LineCipher(FieldCipher cipher, String sessionId, Places places) {
    this.cipher = cipher;
    this.sessionId = sessionId;
    this.places = places;
  }

  /** Every line of a message at the same place: for reading the one line whose place is known. */
  static LineCipher at(FieldCipher cipher, String sessionId, int place) {
    return new LineCipher(cipher, sessionId, id -> place);
  }

  boolean encrypts() {
    return cipher.encrypts();
  }

  /**
   * The scope of a line's values: {@code event@v<version>} for the session's own lines (its
   * {@code session.created} sets version 1), {@code event@<place>} for a message's lines.
   */
  CipherScope scope(String event, Optional<String> messageId, long version) {
    return messageId.isEmpty()
        ? CipherScope.session(sessionId, event + "@v" + version)
        : CipherScope.message(sessionId, messageId.get(), event + "@" + places.of(messageId.get()));
  }

  /** The values' JSON as the line stores it, sealed with the current key. */
  String seal(String json, CipherScope scope) {
    String sealed = cipher.seal(json, scope);
    noteKey(cipher.keyIdOf(sealed).orElse(CLEAR));
    return sealed;
  }

  /** The JSON the sealed field of a line holds, as UTF-8. */
  byte[] open(String stored, CipherScope scope) throws BadLine {
    Optional<String> keyId = cipher.keyIdOf(stored);
    if (keyId.isEmpty()) {
      throw new BadLine("\"" + FIELD + "\" is not an encrypted value");
    }
    try {
      String json = cipher.open(stored, scope);
      noteKey(keyId.get());
      opened = true;
      return json.getBytes(StandardCharsets.UTF_8);
    } catch (CorruptDataException e) {
      throw new BadLine(e.getMessage(), e);
    }
  }

  /**
   * Notes the key of a newer version's line whose {@code stored} sealed field is copied as it is (this
   * version cannot seal it anew); returns that key id, empty if the field is no sealed value.
   */
  Optional<String> keep(String stored) {
    Optional<String> keyId = cipher.keyIdOf(stored);
    keyId.ifPresent(this::kept);
    return keyId;
  }

  /** Notes the key of a line copied as it is. */
  void kept(String keyId) {
    if (kept == null) {
      kept = new TreeSet<>();
    }
    kept.add(keyId);
  }

  /** The key ids of lines copied as they are ({@link #keep}): a rotation cannot seal those anew. */
  Set<String> keptKeyIds() {
    return kept == null ? Set.of() : Set.copyOf(kept);
  }

  /** True once a sealed value opened: lines after it were written by an encrypting store. */
  boolean openedAny() {
    return opened;
  }

  /** Notes a line that holds values in clear. */
  void clear() {
    noteKey(CLEAR);
  }

  /** The key ids of the lines sealed or opened so far, {@link #CLEAR} for lines in clear. */
  Set<String> keyIds() {
    return keyIds == null ? Set.of() : Set.copyOf(keyIds);
  }

  private void noteKey(String keyId) {
    if (keyIds == null) {
      keyIds = new TreeSet<>();
    }
    keyIds.add(keyId);
  }

  /** True if a file whose lines have these key ids needs nothing from a rotation to {@code current}. */
  static boolean isCurrent(Set<String> keyIds, String current) {
    for (String id : keyIds) {
      if (!id.equals(current)) {
        return false;
      }
    }
    return true;
  }
}

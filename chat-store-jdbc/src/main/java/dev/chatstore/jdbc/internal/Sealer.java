package dev.chatstore.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatstore.CorruptDataException;
import dev.chatstore.spi.CipherScope;
import dev.chatstore.spi.FieldCipher;
import dev.chatstore.metadata.ChatMetadata;
import dev.chatstore.metadata.MessageMetadata;
import dev.chatstore.spi.InputRules;
import dev.chatstore.spi.Json;
import java.util.List;

/**
 * How a value column's content is sealed on its way into the database and opened on its way out: the
 * store's {@link FieldCipher} around the {@link TextCodec}. A sealed value is ASCII, so it needs none of
 * PostgreSQL's escapes; in a JSON column (jsonb on PostgreSQL, text on H2) it is stored as a JSON string,
 * {@code "cse1:…"}, so jsonb accepts it and the key id stays readable by SQL for a rotation. A store
 * that does not encrypt writes exactly what it wrote before, and reading still goes through the cipher
 * so a sealed value met without keys is a {@link dev.chatstore.crypto.MissingKeyException}, never
 * ciphertext shown as text.
 *
 * <p>A JSON value that holds nothing ({@link #emptyValues}: no tool calls, no metadata, no state) is
 * stored as itself on every store: there is nothing in it to protect, and its sealed form would tell as
 * much, since AES-GCM keeps the length and these values are the shortest a column holds. Sealing them
 * would cost a message with no tool calls and no metadata three decryptions on every read, not one.
 * Immutable and thread-safe.
 */
final class Sealer {
  /** How every sealed value starts; a sealed JSON column value starts with a quote before it. */
  static final String SEALED_PREFIX = "cse1:";

  private final FieldCipher cipher;
  private final TextCodec text;
  private final List<String> emptyValues;

  Sealer(FieldCipher cipher, TextCodec text, InputRules rules) {
    this.cipher = cipher;
    this.text = text;
    this.emptyValues = List.of("[]", "{}", rules.encode(MessageMetadata.empty()), rules.encode(ChatMetadata.empty()));
  }

  /**
   * The canonical JSON values stored in clear: an empty array or object, and empty metadata as the
   * store's codecs write it (a schema version and nothing else). A rotation leaves them alone.
   */
  List<String> emptyValues() {
    return emptyValues;
  }

  FieldCipher cipher() {
    return cipher;
  }

  boolean encrypts() {
    return cipher.encrypts();
  }

  /** The column value of text {@code plain}. */
  String text(String plain, CipherScope scope) {
    return cipher.encrypts() ? cipher.seal(plain, scope) : text.text(plain);
  }

  /** The text of a text column value; {@code where} names the row if it is NULL. */
  String fromText(String stored, CipherScope scope, String where) {
    return cipher.open(text.fromText(stored, where), scope);
  }

  /** The column value of canonical JSON. */
  String json(String canonicalJson, CipherScope scope) {
    return cipher.encrypts() && !emptyValues.contains(canonicalJson) ? quote(cipher.seal(canonicalJson, scope))
        : text.json(canonicalJson);
  }

  /** The column value of a JSON tree. */
  String json(JsonNode tree, CipherScope scope) {
    if (!cipher.encrypts()) {
      return text.json(tree);
    }
    try {
      return json(Json.MAPPER.writeValueAsString(tree), scope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree could not be written", e);
    }
  }

  /** As {@link TextCodec#jsonText}: JSON text to parse again, opened if it was sealed. */
  String jsonText(String stored, CipherScope scope, String where) {
    return isSealedJson(stored) ? cipher.open(unquote(stored), scope) : text.jsonText(stored, where);
  }

  /** As {@link TextCodec#tree}: the JSON tree of a JSON column value, opened if it was sealed. */
  JsonNode tree(String stored, CipherScope scope, String where) {
    if (!isSealedJson(stored)) {
      return text.tree(stored, where);
    }
    String json = cipher.open(unquote(stored), scope);
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CorruptDataException(where, "a sealed JSON value does not parse: " + e.getOriginalMessage(), e);
    }
  }

  /** True if a JSON column holds a sealed value: a JSON string with the sealed prefix. */
  static boolean isSealedJson(String stored) {
    return stored != null && stored.length() > SEALED_PREFIX.length() + 1 && stored.charAt(0) == '"'
        && stored.startsWith(SEALED_PREFIX, 1) && stored.endsWith("\"");
  }

  /** A sealed value as a JSON string: its characters (base64url, the key id, ':') need no escape. */
  static String quote(String sealed) {
    return '"' + sealed + '"';
  }

  private static String unquote(String stored) {
    return stored.substring(1, stored.length() - 1);
  }
}

package dev.chatstore.jdbc;

import dev.chatstore.crypto.Encryption;
import dev.chatstore.crypto.KeyProvider;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fixed AES-256 keys for the encryption tests: each id names a key of its own bytes. */
final class TestKeys {
  private TestKeys() {}

  /** The 32 bytes of key {@code id}: a different key for every id. */
  static byte[] key(String id) {
    byte[] key = new byte[Encryption.KEY_BYTES];
    Arrays.fill(key, (byte) id.hashCode());
    key[0] = (byte) id.length();
    return key;
  }

  /** Encryption with {@code current} as the current key and every id given readable. */
  static Encryption encryption(String current, String... ids) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    keys.put(current, key(current));
    for (String id : ids) {
      keys.put(id, key(id));
    }
    return Encryption.aesGcm(KeyProvider.of(current, keys));
  }
}

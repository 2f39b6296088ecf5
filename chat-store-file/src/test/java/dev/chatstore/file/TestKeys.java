package dev.chatstore.file;

import dev.chatstore.crypto.Encryption;
import dev.chatstore.crypto.KeyProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Fixed AES-256 keys for the encryption tests, each derived from its id, so a child JVM makes the same. */
final class TestKeys {
  private TestKeys() {}

  /** The 32-byte key of this id. */
  static byte[] key(String keyId) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(("test key " + keyId).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("the JDK has SHA-256", e);
    }
  }

  /** A provider holding the keys of {@code ids}, {@code current} the one new values are sealed with. */
  static KeyProvider provider(String current, String... ids) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (String id : ids) {
      keys.put(id, key(id));
    }
    return KeyProvider.of(current, keys);
  }

  /** An encrypting store's builder over {@code folder} with {@link #provider}. */
  static FileSessionStore.Builder builder(java.nio.file.Path folder, String current, String... ids) {
    return FileSessionStore.builder(folder).encryption(Encryption.aesGcm(provider(current, ids)));
  }
}

package dev.chatstore.internal.crypto;

import dev.chatstore.CorruptDataException;
import dev.chatstore.UnavailableException;
import dev.chatstore.crypto.Encryption;
import dev.chatstore.crypto.KeyProvider;
import dev.chatstore.crypto.MissingKeyException;
import dev.chatstore.spi.CipherScope;
import dev.chatstore.spi.FieldCipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with the JDK's provider: a fresh random 96-bit nonce per value, a 128-bit tag, and the
 * value's scope and key id as associated data, so a value moved to another row, field or key id does
 * not authenticate. Random nonces keep a key safe for about 2^32 values (NIST SP 800-38D); rotating
 * keys well before that is the host's part.
 */
public final class AesGcmCipher implements FieldCipher {
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final byte[] DOMAIN = "chat-store/aes-256-gcm/1".getBytes(StandardCharsets.US_ASCII);
  private static final SecureRandom RANDOM = new SecureRandom();
  // A Cipher is not thread-safe and costs a provider lookup to make; one per thread is reused.
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcmCipher::newCipher);
  private static final int MAX_KEPT_BUFFER = 1 << 16;
  private static final ThreadLocal<byte[]> PLAINTEXTS = ThreadLocal.withInitial(() -> new byte[1024]);

  private final KeyProvider keys;
  private final Map<String, SecretKeySpec> known = new ConcurrentHashMap<>();
  private volatile String lastCurrent = "";

  public AesGcmCipher(Encryption encryption) {
    this.keys = encryption.keys();
  }

  @Override
  public String seal(String plaintext, CipherScope scope) {
    String keyId = currentKey();
    SecretKeySpec key = key(keyId, scope);
    byte[] input = plaintext.getBytes(StandardCharsets.UTF_8);
    byte[] sealed = new byte[SealedValue.NONCE_BYTES + input.length + SealedValue.TAG_BYTES];
    byte[] nonce = new byte[SealedValue.NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    System.arraycopy(nonce, 0, sealed, 0, SealedValue.NONCE_BYTES); // nonce ‖ ciphertext ‖ tag, one array
    Cipher cipher = CIPHERS.get();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(SealedValue.TAG_BYTES * 8, sealed, 0,
          SealedValue.NONCE_BYTES));
      cipher.updateAAD(associatedData(keyId, scope));
      cipher.doFinal(input, 0, input.length, sealed, SealedValue.NONCE_BYTES);
      return SealedValue.format(keyId, sealed);
    } catch (GeneralSecurityException e) {
      throw new UnavailableException("cannot encrypt the value at " + scope.location(), e);
    }
  }

  @Override
  public String open(String stored, CipherScope scope) {
    if (!SealedValue.looksSealed(stored)) {
      return stored; // written before the store encrypted; a rotation seals it
    }
    SealedValue sealed = SealedValue.parse(stored, scope);
    SecretKeySpec key = key(sealed.keyId(), scope);
    Cipher cipher = CIPHERS.get();
    byte[] bytes = sealed.bytes();
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(SealedValue.TAG_BYTES * 8, bytes, 0,
          SealedValue.NONCE_BYTES));
      cipher.updateAAD(associatedData(sealed.keyId(), scope));
      int cipherLength = sealed.length() - SealedValue.NONCE_BYTES;
      byte[] plain = plainBuffer(cipherLength); // the thread's, reused: a page opens a value per row
      int n = cipher.doFinal(bytes, SealedValue.NONCE_BYTES, cipherLength, plain, 0);
      return new String(plain, 0, n, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new CorruptDataException(scope.location(), "encrypted value does not authenticate with key '"
          + sealed.keyId() + "': tampered with, moved from another row or field, or sealed with another key", e);
    } catch (GeneralSecurityException e) {
      throw new CorruptDataException(scope.location(), "encrypted value cannot be decrypted", e);
    }
  }

  @Override
  public boolean encrypts() {
    return true;
  }

  @Override
  public boolean isCurrent(String stored) {
    return SealedValue.keyIdOf(stored).filter(keys.currentKeyId()::equals).isPresent();
  }

  @Override
  public Optional<String> keyIdOf(String stored) {
    return SealedValue.keyIdOf(stored);
  }

  @Override
  public Optional<String> currentKeyId() {
    return Optional.of(keys.currentKeyId());
  }

  /** True if the text parses as a sealed value; used to tell sealed values from text that only starts alike. */
  static boolean isWellFormed(String stored) {
    try {
      SealedValue.parse(stored, CipherScope.session("", ""));
      return true;
    } catch (CorruptDataException e) {
      return false;
    }
  }

  /**
   * The provider's current key id, checked again whenever it changes: the store checked it once when
   * built, but a provider may move on, and an id a sealed value cannot carry would make what is written
   * unreadable.
   */
  private String currentKey() {
    String keyId;
    try {
      keyId = keys.currentKeyId();
    } catch (RuntimeException e) {
      throw new UnavailableException("the key provider failed to name its current key: " + e, e);
    }
    if (!Objects.equals(keyId, lastCurrent)) {
      Encryption.checkKeyId(keyId, "encryption.currentKeyId");
      lastCurrent = keyId;
    }
    return keyId;
  }

  /**
   * The key of {@code keyId}. A provider that lacks it, gives one that is not AES-256 or fails makes
   * this value (only) unreadable: a typed error naming the key, never one that stops the whole store.
   */
  private SecretKeySpec key(String keyId, CipherScope scope) {
    SecretKeySpec cached = known.get(keyId);
    if (cached != null) {
      return cached;
    }
    Optional<byte[]> found;
    try {
      found = Objects.requireNonNullElse(keys.key(keyId), Optional.empty());
    } catch (RuntimeException e) {
      throw new MissingKeyException(keyId, scope.location(), "the key provider failed: " + e, e);
    }
    byte[] bytes = found.orElseThrow(() -> new MissingKeyException(keyId, scope.location(),
        "the key provider does not have it"));
    if (bytes.length != Encryption.KEY_BYTES) {
      throw new MissingKeyException(keyId, scope.location(), "the key provider's key is " + bytes.length
          + " bytes; AES-256 needs " + Encryption.KEY_BYTES);
    }
    SecretKeySpec key = new SecretKeySpec(bytes, "AES");
    known.putIfAbsent(keyId, key);
    return key;
  }

  /** Domain, key id, session, message, field: each length-prefixed, so no two scopes share bytes. */
  private static byte[] associatedData(String keyId, CipherScope scope) {
    byte[][] pieces = {DOMAIN, utf8(keyId), utf8(scope.sessionId()), utf8(scope.messageId()), utf8(scope.field())};
    int size = 0;
    for (byte[] piece : pieces) {
      size += 4 + piece.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    for (byte[] piece : pieces) {
      buffer.putInt(piece.length).put(piece);
    }
    return buffer.array();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The calling thread's buffer for a plaintext, grown to hold {@code atLeast} bytes. */
  private static byte[] plainBuffer(int atLeast) {
    byte[] buffer = PLAINTEXTS.get();
    if (buffer.length < atLeast) {
      buffer = new byte[Math.max(atLeast, buffer.length * 2)];
      // a rare huge value is not kept for the thread's lifetime
      if (buffer.length <= MAX_KEPT_BUFFER) {
        PLAINTEXTS.set(buffer);
      }
    }
    return buffer;
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no " + TRANSFORMATION, e);
    }
  }
}

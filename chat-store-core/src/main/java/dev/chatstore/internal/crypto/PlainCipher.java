package dev.chatstore.internal.crypto;

import dev.chatstore.crypto.MissingKeyException;
import dev.chatstore.spi.CipherScope;
import dev.chatstore.spi.FieldCipher;
import java.util.Optional;

/** The cipher of a store that does not encrypt: values are stored as they are. */
public enum PlainCipher implements FieldCipher {
  INSTANCE;

  @Override
  public String seal(String plaintext, CipherScope scope) {
    return plaintext;
  }

  @Override
  public String open(String stored, CipherScope scope) {
    // A sealed value in a store opened without keys: say which key it needs rather than show ciphertext.
    Optional<String> keyId = SealedValue.keyIdOf(stored);
    if (keyId.isPresent() && AesGcmCipher.isWellFormed(stored)) {
      throw new MissingKeyException(keyId.get(), scope.location(),
          "the value is encrypted and the store was opened without encryption");
    }
    return stored;
  }

  @Override
  public boolean encrypts() {
    return false;
  }

  @Override
  public boolean isCurrent(String stored) {
    return true;
  }

  @Override
  public Optional<String> keyIdOf(String stored) {
    return SealedValue.keyIdOf(stored);
  }

  @Override
  public Optional<String> currentKeyId() {
    return Optional.empty();
  }
}

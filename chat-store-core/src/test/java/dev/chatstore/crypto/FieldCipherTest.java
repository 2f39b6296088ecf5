package dev.chatstore.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.CorruptDataException;
import dev.chatstore.InvalidInputException;
import dev.chatstore.StoreOptions;
import dev.chatstore.spi.CipherScope;
import dev.chatstore.spi.FieldCipher;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FieldCipherTest {
  private static final byte[] KEY_1 = key(1);
  private static final byte[] KEY_2 = key(2);
  private static final CipherScope TEXT = CipherScope.message("s-1", "m-1", "text");

  private final FieldCipher cipher = cipher("k1", Map.of("k1", KEY_1));

  @Test
  void aSealedValueOpensToWhatWasWrittenWhateverTheText() {
    for (String text : new String[] {"", "hello", "naïve 日本語 \uD83D\uDE00", "NUL\u0000inside",
        "'; DROP TABLE x; --", "100% _like_", "x".repeat(100_000)}) {
      String sealed = cipher.seal(text, TEXT);
      assertThat(sealed).doesNotContain(text.isEmpty() ? "\u0001" : text).startsWith("cse1:k1:");
      assertThat(sealed.chars().allMatch(c -> c < 128)).as("ASCII").isTrue();
      assertThat(cipher.open(sealed, TEXT)).isEqualTo(text);
    }
  }

  @Test
  void everySealUsesAFreshNonce() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(cipher.seal("same text", TEXT))).isTrue();
    }
  }

  @Test
  void aValueMovedToAnotherSessionMessageOrFieldIsCorrupt() {
    String sealed = cipher.seal("secret", TEXT);
    for (CipherScope elsewhere : new CipherScope[] {CipherScope.message("s-2", "m-1", "text"),
        CipherScope.message("s-1", "m-2", "text"), CipherScope.message("s-1", "m-1", "metadata"),
        CipherScope.session("s-1", "text"), CipherScope.message("s-1m", "-1", "text")}) {
      assertThatThrownBy(() -> cipher.open(sealed, elsewhere))
          .isInstanceOf(CorruptDataException.class)
          .hasMessageContaining(elsewhere.location())
          .hasMessageContaining("does not authenticate");
    }
  }

  @Test
  void tamperedTruncatedOrMalformedCiphertextIsCorrupt() {
    String sealed = cipher.seal("secret", TEXT);
    byte[] raw = Base64.getUrlDecoder().decode(sealed.substring("cse1:k1:".length()));
    raw[raw.length - 1] ^= 1;
    String tampered = "cse1:k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    String truncated = sealed.substring(0, "cse1:k1:".length() + 10);
    for (String bad : new String[] {tampered, truncated, "cse1:k1:***", "cse1:k1:", "cse1::abc"}) {
      assertThatThrownBy(() -> cipher.open(bad, TEXT)).isInstanceOf(CorruptDataException.class);
    }
  }

  @Test
  void aValueSealedWithAnotherKeyUnderTheSameIdIsCorrupt() {
    String sealed = cipher.seal("secret", TEXT);
    FieldCipher impostor = cipher("k1", Map.of("k1", KEY_2));
    assertThatThrownBy(() -> impostor.open(sealed, TEXT)).isInstanceOf(CorruptDataException.class);
  }

  @Test
  void aMissingKeyIsTypedAndNamesTheKeyId() {
    String sealed = cipher.seal("secret", TEXT);
    FieldCipher rotated = cipher("k2", Map.of("k2", KEY_2));
    assertThatThrownBy(() -> rotated.open(sealed, TEXT))
        .isInstanceOfSatisfying(MissingKeyException.class, e -> {
          assertThat(e.keyId()).isEqualTo("k1");
          assertThat(e.location()).isEqualTo(TEXT.location());
        });
    assertThatThrownBy(() -> FieldCipher.plain().open(sealed, TEXT))
        .isInstanceOfSatisfying(MissingKeyException.class, e -> assertThat(e.keyId()).isEqualTo("k1"));
  }

  @Test
  void rotationSealsWithTheCurrentKeyAndStillOpensOldValues() {
    String old = cipher.seal("before", TEXT);
    FieldCipher both = cipher("k2", Map.of("k1", KEY_1, "k2", KEY_2));
    String fresh = both.seal("after", TEXT);
    assertThat(both.keyIdOf(fresh)).contains("k2");
    assertThat(both.isCurrent(fresh)).isTrue();
    assertThat(both.isCurrent(old)).isFalse();
    assertThat(both.open(old, TEXT)).isEqualTo("before");
    assertThat(both.isCurrent("stored before encryption")).isFalse();
  }

  @Test
  void plaintextStoredBeforeEncryptionOpensAsItIs() {
    assertThat(cipher.open("written in clear", TEXT)).isEqualTo("written in clear");
    assertThat(cipher.keyIdOf("written in clear")).isEmpty();
    assertThat(FieldCipher.plain().open("cse1 looks alike", TEXT)).isEqualTo("cse1 looks alike");
    assertThat(FieldCipher.plain().seal("as is", TEXT)).isEqualTo("as is");
    assertThat(FieldCipher.plain().encrypts()).isFalse();
  }

  @Test
  void keysOfTheWrongLengthOrWithBadIdsAreRefusedWhenTheEncryptionIsMade() {
    for (int length : new int[] {0, 16, 24, 31, 33, 64}) {
      KeyProvider keys = KeyProvider.of("k1", Map.of("k1", new byte[length]));
      assertThatThrownBy(() -> Encryption.aesGcm(keys))
          .isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo("encryption.key");
            assertThat(e.getMessage()).contains("'k1'").contains(length + " bytes");
          });
    }
    for (String badId : new String[] {"", " ", "a:b", "x".repeat(65), "é", "../k"}) {
      assertThatThrownBy(() -> KeyProvider.of(badId, Map.of(badId, KEY_1)))
          .isInstanceOf(InvalidInputException.class);
    }
    assertThatThrownBy(() -> KeyProvider.of("k9", Map.of("k1", KEY_1)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.field()).isEqualTo("currentKeyId"));
    KeyProvider forgetful = new KeyProvider() {
      @Override
      public String currentKeyId() {
        return "k1";
      }

      @Override
      public Optional<byte[]> key(String keyId) {
        return Optional.empty();
      }
    };
    assertThatThrownBy(() -> Encryption.aesGcm(forgetful)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'k1'");
  }

  @Test
  void aProviderOfFixedKeysCopiesThem() {
    byte[] key = KEY_1.clone();
    KeyProvider keys = KeyProvider.of("k1", Map.of("k1", key));
    Arrays.fill(key, (byte) 0);
    assertThat(keys.key("k1")).hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY_1));
    keys.key("k1").orElseThrow()[0] = 9;
    assertThat(keys.key("k1")).hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY_1));
    assertThat(keys.key("other")).isEmpty();
    assertThat(keys.toString()).doesNotContain(Arrays.toString(KEY_1));
  }

  @Test
  void storeOptionsCarryTheEncryption() {
    Encryption encryption = Encryption.aesGcm(KeyProvider.of("k1", Map.of("k1", KEY_1)));
    StoreOptions options = StoreOptions.defaults().withEncryption(encryption);
    assertThat(options.encryption()).contains(encryption);
    assertThat(StoreOptions.defaults().encryption()).isEmpty();
    assertThat(options.withLimits(options.limits()).encryption()).contains(encryption);
    assertThat(FieldCipher.of(options.encryption()).encrypts()).isTrue();
    assertThatThrownBy(() -> StoreOptions.defaults().withEncryption(null))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aProviderThatLaterGivesABadKeyOrFailsMakesOnlyThatKeysValuesUnreadable() {
    String sealedWithK1 = cipher.seal("old", TEXT);
    AtomicReference<String> current = new AtomicReference<>("k2");
    KeyProvider shifting = new KeyProvider() {
      @Override
      public String currentKeyId() {
        return current.get();
      }

      @Override
      public Optional<byte[]> key(String keyId) {
        switch (keyId) {
          case "k1":
            return Optional.of(new byte[16]); // the host's vault now hands out a short key for k1
          case "k2":
            return Optional.of(KEY_2);
          default:
            throw new IllegalStateException("vault unreachable");
        }
      }
    };
    FieldCipher later = FieldCipher.of(Optional.of(Encryption.aesGcm(shifting)));

    assertThatThrownBy(() -> later.open(sealedWithK1, TEXT)).isInstanceOfSatisfying(MissingKeyException.class,
        e -> assertThat(e.keyId()).isEqualTo("k1")).hasMessageContaining("16 bytes");
    assertThat(later.open(later.seal("new", TEXT), TEXT)).isEqualTo("new");
    String sealedWithK3 = cipher("k3", Map.of("k3", KEY_1)).seal("third", TEXT);
    assertThatThrownBy(() -> later.open(sealedWithK3, TEXT)).isInstanceOfSatisfying(MissingKeyException.class,
        e -> assertThat(e.keyId()).isEqualTo("k3")).hasMessageContaining("vault unreachable");

    current.set("2026:12"); // an id a sealed value cannot carry: refused, never written unreadable
    assertThatThrownBy(() -> later.seal("x", TEXT)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("encryption.currentKeyId");
  }

  private static FieldCipher cipher(String current, Map<String, byte[]> keys) {
    return FieldCipher.of(Optional.of(Encryption.aesGcm(KeyProvider.of(current, keys))));
  }

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) seed);
    key[0] = (byte) "k".getBytes(StandardCharsets.US_ASCII)[0];
    return key;
  }
}

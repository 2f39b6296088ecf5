package dev.chatstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Inline media bytes: immutable, compared by content, standard base64 as their stored form. */
class InlineBytesTest {
  private static byte[] everyByte() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  @Test
  void equalContentIsEqualWithTheSameHash() {
    InlineBytes a = InlineBytes.of(new byte[] {1, 2, 3});
    InlineBytes b = InlineBytes.of(new byte[] {1, 2, 3});

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(InlineBytes.of(new byte[] {1, 2, 4}));
    assertThat(a).isNotEqualTo(InlineBytes.of(new byte[] {1, 2}));
    assertThat(InlineBytes.of(new byte[0])).isEqualTo(InlineBytes.fromBase64(""));
    assertThat(a).isNotEqualTo(new byte[] {1, 2, 3});
  }

  @Test
  void neitherTheGivenArrayNorAReturnedOneCanChangeIt() {
    byte[] given = {1, 2, 3};
    InlineBytes bytes = InlineBytes.of(given);
    given[0] = 9;
    bytes.toByteArray()[1] = 9;

    assertThat(bytes.toByteArray()).containsExactly(1, 2, 3);
    assertThat(bytes.size()).isEqualTo(3);
  }

  @Test
  void everyByteValueSurvivesBase64() {
    InlineBytes bytes = InlineBytes.of(everyByte());

    assertThat(bytes.base64()).isEqualTo(Base64.getEncoder().encodeToString(everyByte()));
    assertThat(InlineBytes.fromBase64(bytes.base64())).isEqualTo(bytes);
    assertThat(InlineBytes.fromBase64(bytes.base64()).toByteArray()).isEqualTo(everyByte());
    assertThat(InlineBytes.of(new byte[] {(byte) 0xfb, (byte) 0xff}).base64()).isEqualTo("+/8=");
  }

  @Test
  void textThatIsNotStandardBase64IsRefusedAsTheBytesField() {
    for (String bad : new String[] {"not base64!", "-_8=", "AQID\nBA==", "A"}) {
      assertThatThrownBy(() -> InlineBytes.fromBase64(bad)).as(bad)
          .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("part.bytes"));
    }
    assertThatThrownBy(() -> InlineBytes.fromBase64(null)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void toStringShowsTheSizeNotTheBytes() {
    assertThat(InlineBytes.of(everyByte())).hasToString("InlineBytes[256 bytes]");
  }
}

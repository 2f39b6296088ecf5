package dev.chatstore.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatstore.InvalidInputException;
import dev.chatstore.internal.manager.Graphemes;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TitleGeneratorTest {
  private final TitleGenerator titles = TitleGenerator.firstWords();

  @Test
  void shortMessageIsKeptAsIs() {
    assertThat(titles.title("How do I bake bread?")).isEqualTo("How do I bake bread?");
  }

  @Test
  void whitespaceIsCollapsedAndTrimmed() {
    assertThat(titles.title("  \n\tHello\u00A0\u00A0 there,\r\n\r\n  world \u2028 "))
        .isEqualTo("Hello there, world");
  }

  @Test
  void controlCharactersCountAsWhitespace() {
    assertThat(titles.title("a\u0000b\u0007c")).isEqualTo("a b c");
  }

  @Test
  void blankMessageGivesNoTitle() {
    assertThat(titles.title(" \n\t ")).isEmpty();
    assertThat(titles.title("")).isEmpty();
  }

  @Test
  void longMessageIsCutAtAWordBoundaryWithAnEllipsis() {
    String title = titles.title("Please explain how the optimistic concurrency control of the session store "
        + "works when two tabs save state at once");
    assertThat(title).isEqualTo("Please explain how the optimistic concurrency…");
    assertThat(Graphemes.count(title)).isLessThanOrEqualTo(50);
  }

  @Test
  void trailingPunctuationBeforeTheCutIsDropped() {
    String title = TitleGenerator.firstWords(20).title("First, second, third, fourth, fifth, sixth");
    assertThat(title).isEqualTo("First, second,…".replace(",…", "…"));
  }

  @Test
  void exactlyFiftyCharactersIsNotCut() {
    String fifty = "a".repeat(24) + " " + "b".repeat(25);
    assertThat(titles.title(fifty)).isEqualTo(fifty);
    assertThat(titles.title(fifty + "c")).isEqualTo("a".repeat(24) + "…");
  }

  @Test
  void aLongWordIsCutBetweenCharacters() {
    String word = "Supercalifragilisticexpialidocious".repeat(3);
    assertThat(titles.title(word)).isEqualTo(word.substring(0, 49) + "…");
    assertThat(titles.title("Hi " + word)).isEqualTo(("Hi " + word).substring(0, 49) + "…");
  }

  @Test
  void emojiAreNeverSplit() {
    String text = "😀".repeat(60);
    String title = titles.title(text);
    assertThat(title).isEqualTo("😀".repeat(49) + "…");
    assertWholeClusters(title, text);
  }

  @Test
  void zwjSequencesCountAsOneCharacterAndAreNeverSplit() {
    String coder = "👩\u200D💻";
    assertThat(titles.title(coder.repeat(60))).isEqualTo(coder.repeat(49) + "…");
    assertThat(titles.title("Hi " + coder + " there")).isEqualTo("Hi " + coder + " there");
    // An 11-char family: the 400-char cap stops the title at 36 whole families.
    String family = "👨\u200D👩\u200D👧\u200D👦";
    assertThat(titles.title(family.repeat(60))).isEqualTo(family.repeat(36) + "…");
  }

  @Test
  void skinTonesFlagsAndTagSequencesStayWhole() {
    String thumbs = "👍🏽";
    String flags = "🇫🇷🇩🇪🇯🇵";
    String scotland = "🏴\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F";
    for (String unit : new String[] {thumbs, flags, scotland}) {
      for (int shift = 0; shift < 3; shift++) {
        String text = "x".repeat(shift) + unit.repeat(40);
        String title = titles.title(text);
        assertWholeClusters(title, text);
      }
    }
    assertThat(Graphemes.count(flags)).isEqualTo(3);
    assertThat(Graphemes.count(scotland)).isEqualTo(1);
    assertThat(Graphemes.count(thumbs)).isEqualTo(1);
  }

  @Test
  void combiningMarksStayWithTheirLetter() {
    String eAcute = "e\u0301"; // e + combining acute
    String text = eAcute.repeat(80);
    String title = titles.title(text);
    assertThat(title).isEqualTo(eAcute.repeat(49) + "…");
    String devanagari = "क्षि"; // conjunct with a spacing vowel sign
    assertWholeClusters(titles.title(devanagari.repeat(60)), devanagari.repeat(60));
  }

  @Test
  void stackedMarksNeverExceedTheCharacterCap() {
    String zalgo = ("a" + "\u0300\u0301\u0302\u0303\u0304".repeat(20)).repeat(10);
    String title = titles.title(zalgo);
    assertThat(title.length()).isLessThanOrEqualTo(400);
    assertWholeClusters(title, zalgo);
    String oneHugeCluster = "a" + "\u0300".repeat(1000);
    assertThat(titles.title(oneHugeCluster)).isEmpty();
  }

  @Test
  void cjkWithoutSpacesIsCutAtFiftyCharacters() {
    String text = "我想了解如何在分布式系统中实现可靠的消息传递以及如何处理网络分区和节点故障的情况请详细说明每一种方法的优缺点";
    String title = titles.title(text);
    assertThat(title).isEqualTo(text.substring(0, 49) + "…");
    String japanese = "東京の天気を教えてください。明日は雨が降りますか？それとも晴れますか？週末の予定を立てたいので、詳しく知りたいです。";
    assertThat(Graphemes.count(titles.title(japanese))).isLessThanOrEqualTo(50);
  }

  @Test
  void neverEndsWithALoneHighSurrogate() {
    for (int pad = 0; pad < 4; pad++) {
      String text = "a".repeat(pad) + "𝕏".repeat(100);
      String title = titles.title(text);
      assertThat(title.chars().filter(c -> Character.isHighSurrogate((char) c)).count())
          .isEqualTo(title.chars().filter(c -> Character.isLowSurrogate((char) c)).count());
      assertWholeClusters(title, text);
    }
  }

  @Test
  void customLengthIsHonoured() {
    assertThat(TitleGenerator.firstWords(10).title("one two three four")).isEqualTo("one two…");
    assertThatThrownBy(() -> TitleGenerator.firstWords(1)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> titles.title(null)).isInstanceOf(InvalidInputException.class);
  }

  // The title (without its ellipsis) is a prefix of the collapsed text ending on a cluster boundary.
  private static void assertWholeClusters(String title, String text) {
    String body = title.endsWith("…") ? title.substring(0, title.length() - 1) : title;
    assertThat(text).startsWith(body);
    int[] bounds = Graphemes.boundaries(text);
    assertThat(IntStream.of(bounds).boxed().toList()).as("cut at %d in %s", body.length(), Arrays.toString(bounds))
        .contains(body.length());
  }
}

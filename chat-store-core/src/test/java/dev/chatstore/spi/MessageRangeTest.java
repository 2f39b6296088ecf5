package dev.chatstore.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatstore.MessageQuery;
import dev.chatstore.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageRangeTest {

  @Test
  void latestIsTheNewestLimitSeqsWithACursorToOlderOnes() {
    MessageRange r = MessageRange.of(MessageQuery.latest(3), 10);
    assertThat(r.fromSeq()).isEqualTo(8);
    assertThat(r.toSeq()).isEqualTo(10);
    assertThat(r.size()).isEqualTo(3);
    Page<String> page = r.page(List.of("8", "9", "10"));
    assertThat(page.previousCursor()).contains(Cursors.message(true, 8));
    assertThat(page.nextCursor()).isEmpty();
  }

  @Test
  void earliestStartsAtOneWithACursorToNewerOnes() {
    MessageRange r = MessageRange.of(MessageQuery.earliest(4), 10);
    assertThat(r.fromSeq()).isEqualTo(1);
    assertThat(r.toSeq()).isEqualTo(4);
    Page<String> page = r.page(List.of("1", "2", "3", "4"));
    assertThat(page.hasPrevious()).isFalse();
    assertThat(page.nextCursor()).contains(Cursors.message(false, 4));
  }

  @Test
  void beforeAndAfterAreExclusiveOfTheirSeq() {
    MessageRange before = MessageRange.of(MessageQuery.beforeSeq(5, 2), 10);
    assertThat(before.fromSeq()).isEqualTo(3);
    assertThat(before.toSeq()).isEqualTo(4);
    MessageRange after = MessageRange.of(MessageQuery.afterSeq(5, 2), 10);
    assertThat(after.fromSeq()).isEqualTo(6);
    assertThat(after.toSeq()).isEqualTo(7);
  }

  @Test
  void aPageCoveringTheWholeSessionHasNoCursors() {
    Page<String> page = MessageRange.of(MessageQuery.latest(1000), 2).page(List.of("1", "2"));
    assertThat(page.hasPrevious()).isFalse();
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void extremeSeqsGiveEmptyRangesWithoutOverflow() {
    for (long seq : new long[] {Long.MAX_VALUE, Long.MAX_VALUE - 1, Integer.MAX_VALUE, 10}) {
      assertThat(MessageRange.of(MessageQuery.afterSeq(seq, 1000), 10).isEmpty()).as("after %d", seq).isTrue();
    }
    MessageRange beforeMax = MessageRange.of(MessageQuery.beforeSeq(Long.MAX_VALUE, 1000), 10);
    assertThat(beforeMax.fromSeq()).isEqualTo(1);
    assertThat(beforeMax.toSeq()).isEqualTo(10);
    assertThat(MessageRange.of(MessageQuery.beforeSeq(0, 5), 10).isEmpty()).isTrue();
    assertThat(MessageRange.of(MessageQuery.beforeSeq(1, 5), 10).isEmpty()).isTrue();
    MessageRange nearEnd = MessageRange.of(MessageQuery.afterSeq(Long.MAX_VALUE - 2, 1000), Long.MAX_VALUE - 1);
    assertThat(nearEnd.fromSeq()).isEqualTo(Long.MAX_VALUE - 1);
    assertThat(nearEnd.toSeq()).isEqualTo(Long.MAX_VALUE - 1);
  }

  @Test
  void anEmptySessionGivesAnEmptyRangeForEveryAnchor() {
    for (MessageQuery q : List.of(MessageQuery.latest(5), MessageQuery.earliest(5), MessageQuery.afterSeq(0, 5),
        MessageQuery.beforeSeq(Long.MAX_VALUE, 5))) {
      MessageRange r = MessageRange.of(q, 0);
      assertThat(r.isEmpty()).as("%s", q).isTrue();
      assertThat(r.size()).isZero();
      assertThat(r.page(List.of())).isEqualTo(Page.empty());
    }
  }
}

package dev.chatstore.testkit.crash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parent's reading of a child's stdout: reports count, other output does not, even glued to one. */
class ChildReportsTest {
  @Test
  void aReportCountsEvenAfterOutputWrittenWithoutANewline() {
    ChildReports reports = new ChildReports();
    reports.take(CrashChild.PREFIX + CrashChild.FLUSHED + " 10");
    reports.take("OpenJDK 64-Bit Server VM warning: " + CrashChild.PREFIX + CrashChild.FLUSHED + " 20");
    reports.take("some line of the store's own");

    assertThat(reports.flushes).isEqualTo(2);
    assertThat(reports.flushedLength).isEqualTo(20);
  }

  @Test
  void aFlushOfBothChannelsReportsBothLengths() {
    ChildReports reports = new ChildReports();
    reports.take(CrashChild.PREFIX + CrashChild.FLUSHED + " 10 7");
    reports.take(CrashChild.PREFIX + CrashChild.FLUSHED + " 30 21");

    assertThat(reports.flushes).isEqualTo(2);
    assertThat(reports.flushedLength).isEqualTo(30);
    assertThat(reports.flushedReasoningLength).isEqualTo(21);
  }
}

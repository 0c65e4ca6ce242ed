package dev.footfall.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.DropReason;
import org.junit.jupiter.api.Test;

class DropSummaryTest {
  private final IngestCounters counters = new IngestCounters();
  private final DropSummary summary = new DropSummary(counters);

  @Test
  void nothingDropped_noLine() {
    assertThat(summary.nextLine()).isEmpty();
  }

  @Test
  void eachLineCountsTheDropsSinceTheLastOneByReason() {
    counters.drop(DropReason.BOT, 40);
    counters.drop(DropReason.UNKNOWN_SITE, 2);

    DropSummary.Line first = summary.nextLine().orElseThrow();
    assertThat(first.text()).isEqualTo("footfall: dropped 42 events since the last summary"
        + " (unknown_site=2, bot=40); totals in Analytics.stats()");
    assertThat(first.loss()).as("filtering is not loss").isFalse();
    assertThat(summary.nextLine()).as("nothing new").isEmpty();

    counters.drop(DropReason.BOT, 1);
    counters.drop(DropReason.BUFFER_FULL, 7);
    DropSummary.Line second = summary.nextLine().orElseThrow();
    assertThat(second.text()).isEqualTo("footfall: dropped 8 events since the last summary"
        + " (bot=1, buffer_full=7); totals in Analytics.stats()");
    assertThat(second.loss()).isTrue();
  }
}

package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reports over days not rolled up yet: today is counted from raw events, and what this instance
 * stores or changes shows at once.
 */
final class RollupAggregatesTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final LocalDate TODAY = LocalDate.parse("2026-11-24");
  private static final ReportQuery WEEK = ReportQuery.builder("shop").period(Period.parse("7d"))
      .metrics(Metric.PAGEVIEWS, Metric.VISITORS).build();

  private Analytics analytics;

  @BeforeEach
  void open() {
    analytics = Analytics.builder().storage(InMemoryStorage.create())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "", Instant.EPOCH));
  }

  @AfterEach
  void close() {
    analytics.close();
  }

  private void track(String visitor, String at) {
    analytics.tracker().track(TrackRequest.pageview("shop", "https://shop.example/")
        .visitorId(visitor).timestamp(Instant.parse(at))
        .context(RequestContext.of("203.0.113.9", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0)"
            + " Gecko/20100101 Firefox/133.0")).build());
    assertThat(analytics.flush(Duration.ofSeconds(30))).isTrue();
  }

  private Number pageviews() {
    return analytics.reports().aggregate(WEEK).metrics().get(Metric.PAGEVIEWS).value();
  }

  @Test
  void today_isRecountedAfterEveryWriteAndChange() {
    track("a", "2026-11-23T10:00:00Z");
    track("a", "2026-11-24T10:00:00Z");
    analytics.rollups().rollUp("shop", TODAY.minusDays(6), TODAY.minusDays(1));
    assertThat(pageviews()).isEqualTo(2L);

    track("b", "2026-11-24T11:00:00Z");
    assertThat(pageviews()).as("a new event of today").isEqualTo(3L);

    long id = analytics.storage().events().list("shop", NOW.minusSeconds(3_600), NOW, 0, 10)
        .get(0).id().orElseThrow();
    analytics.storage().events().delete(id);
    analytics.rollups().refresh("shop", TODAY, TODAY);
    assertThat(pageviews()).as("an event of today deleted").isEqualTo(2L);
    assertThat(analytics.reports().aggregate(WEEK).metrics().get(Metric.VISITORS).value())
        .as("a, on both days, counts once")
        .isEqualTo(1L);
  }
}

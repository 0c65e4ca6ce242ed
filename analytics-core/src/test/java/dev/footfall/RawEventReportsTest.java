package dev.footfall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A storage that counts raw events fast (DuckDB) answers every report itself: Footfall neither
 * rolls up nor holds days for it (it never even asks for the rollup store), and its raw events,
 * the only history, are kept until a retention is set.
 */
final class RawEventReportsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final LocalDate TODAY = LocalDate.parse("2026-11-24");
  private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101"
      + " Firefox/133.0";

  private final AtomicLong rollupStoreCalls = new AtomicLong();

  /** The in-memory store, saying that it counts raw events fast, and counting rollup-store calls. */
  private Storage columnStore() {
    return Delegating.of(Storage.class, InMemoryStorage.create(), method -> {
      if (method.equals("rollups")) {
        rollupStoreCalls.incrementAndGet();
      }
      return method.equals("countsRawEventsFast") ? Boolean.TRUE : null;
    });
  }

  private static Analytics.Builder analytics(Storage storage) {
    return Analytics.builder().storage(storage).clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static void track(Analytics analytics, String visitor, String page, String at) {
    analytics.tracker().track(TrackRequest.pageview("shop", "https://shop.example" + page)
        .visitorId(visitor).timestamp(Instant.parse(at))
        .context(RequestContext.of("203.0.113.9", FIREFOX)).build());
  }

  private static void trackWeek(Analytics analytics) {
    analytics.sites().save(Site.of("shop", "shop.example", ZoneOffset.UTC, "", Instant.EPOCH));
    track(analytics, "a", "/pricing", "2026-11-20T10:00:00Z");
    track(analytics, "a", "/docs", "2026-11-20T10:01:00Z");
    track(analytics, "b", "/pricing", "2026-11-22T10:00:00Z");
    track(analytics, "c", "/blog", "2026-11-24T10:00:00Z");
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
  }

  @Test
  void reports_countRawEventsWithoutRollupsOrHeldDays() {
    try (Analytics analytics = analytics(columnStore()).build()) {
      trackWeek(analytics);
      ReportQuery week = ReportQuery.builder("shop").period(Period.parse("7d"))
          .metrics(Metric.VISITORS, Metric.PAGEVIEWS, Metric.BOUNCE_RATE).build();
      ReportQuery twoFilters = ReportQuery.builder("shop").period(Period.parse("7d"))
          .metrics(Metric.VISITORS).filter(Filter.contains(Dimension.PAGE, "pric"))
          .filter(Filter.isNot(Dimension.PAGE, "/docs")).build();

      assertThat(analytics.reports().aggregate(week).metrics())
          .extractingByKeys(Metric.VISITORS, Metric.PAGEVIEWS, Metric.BOUNCE_RATE)
          .extracting(MetricValue::value)
          .containsExactly(3L, 4L, 67L);
      assertThat(analytics.reports().aggregate(twoFilters).metrics().get(Metric.VISITORS).value())
          .isEqualTo(2L);
      assertThat(analytics.reports().realtime("shop").currentVisitors()).isZero();
      assertThat(analytics.jobs().run(Job.ROLLUP).ran()).isFalse();
      assertThat(analytics.jobs().run(Job.FINALIZE_SESSIONS).ran()).isTrue();
      assertThat(analytics.rollups().enabled()).isFalse();
      assertThat(analytics.rollups().refresh("shop", TODAY.minusDays(6), TODAY)).isZero();
      assertThatThrownBy(() -> analytics.rollups().rollUp("shop", TODAY.minusDays(6),
          TODAY.minusDays(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("keeps no rollups");
    }
    assertThat(rollupStoreCalls).as("calls for the rollup store").hasValue(0);
  }

  @Test
  void reportsFromRollups_stillHoldsTheRollupPathOnARowStore() {
    Storage rowStore = Delegating.of(Storage.class, InMemoryStorage.create(), method -> {
      if (method.equals("rollups")) {
        rollupStoreCalls.incrementAndGet();
      }
      return null;
    });
    try (Analytics analytics = analytics(rowStore).build()) {
      trackWeek(analytics);
      assertThat(analytics.rollups().enabled()).isTrue();
      assertThat(analytics.jobs().run(Job.ROLLUP).ran()).isTrue();
    }
    assertThat(rollupStoreCalls.get()).isPositive();
  }

  @Test
  void retention_keepsRawEventsForGoodUnlessSet() {
    try (Analytics analytics = analytics(columnStore()).build()) {
      trackWeek(analytics);

      JobRun run = analytics.jobs().run(Job.RETENTION);

      assertThat(analytics.jobs().retention()).isEmpty();
      assertThat(run.ran()).isFalse();
      assertThat(run.summary()).isEqualTo("not run: no retention is set, so raw events are kept");
      assertThat(analytics.storage().events().count("shop", Instant.EPOCH, NOW)).isEqualTo(4);
    }
  }

  @Test
  void retention_whenSet_deletesWithoutWaitingForRollups() {
    try (Analytics analytics = analytics(columnStore()).retention(Duration.ofDays(3)).build()) {
      trackWeek(analytics);

      JobRun run = analytics.jobs().run(Job.RETENTION);

      assertThat(run.ran()).isTrue();
      assertThat(analytics.storage().events().count("shop", Instant.EPOCH, NOW))
          .as("the events of the 20th are older than 3 days")
          .isEqualTo(2);
    }
  }
}

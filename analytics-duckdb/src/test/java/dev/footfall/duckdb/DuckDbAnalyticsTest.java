package dev.footfall.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.Dimension;
import dev.footfall.Filter;
import dev.footfall.Interval;
import dev.footfall.Job;
import dev.footfall.Metric;
import dev.footfall.Period;
import dev.footfall.ReportQuery;
import dev.footfall.RequestContext;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code Analytics} on DuckDB: with several filters, a prop and hours (counted from raw events) it
 * gives the reference store's numbers, and its day rollups give them too.
 */
final class DuckDbAnalyticsTest {
  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final List<String> AGENTS = List.of(
      "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
          + " Gecko) Version/17.5 Mobile/15E148 Safari/604.1");
  private static final List<ReportQuery> QUERIES = List.of(
      query().build(),
      query().filter(Filter.is(Dimension.COUNTRY, "")).build(),
      query().filter(Filter.is(Dimension.DEVICE, "mobile"))
          .filter(Filter.contains(Dimension.PAGE, "pric"))
          .filter(Filter.is(Dimension.prop("plan"), "pro")).build(),
      query().filter(Filter.isNot(Dimension.PAGE, "/docs")).breakdown(Dimension.PAGE).build(),
      query().period(Period.parse("day")).interval(Interval.HOUR).build());

  private static ReportQuery.Builder query() {
    return ReportQuery.builder("shop").period(Period.parse("7d")).metrics(Metric.VISITORS,
        Metric.VISITS, Metric.PAGEVIEWS, Metric.EVENTS, Metric.BOUNCE_RATE,
        Metric.VISIT_DURATION);
  }

  @Test
  void reports_matchTheReferenceStore_fromRawEventsAndFromRollups() {
    try (Analytics duck = analytics(DuckDbStorage.inMemory());
        Analytics reference = analytics(InMemoryStorage.create())) {
      for (Analytics analytics : List.of(duck, reference)) {
        track(analytics);
      }
      assertSameReports(duck, reference);
      assertThat(duck.reports().aggregate(QUERIES.get(2)).metrics().get(Metric.VISITORS).value())
          .as("visitor 1: on a phone, with a Signup on /pricing for pro (4's was on a desktop)")
          .isEqualTo(1L);

      for (Analytics analytics : List.of(duck, reference)) {
        assertThat(analytics.jobs().run(Job.FINALIZE_SESSIONS).ran()).isTrue();
        assertThat(analytics.jobs().run(Job.ROLLUP).summary()).isEqualTo("rolled up 5 days");
      }
      DuckDbStorage storage = (DuckDbStorage) duck.storage();
      long rollupRows = storage.jdbi().withHandle(h -> h.select("SELECT count(*) FROM"
          + " daily_rollup").mapTo(Long.class).one());
      assertThat(rollupRows).isPositive();
      assertSameReports(duck, reference);
    }
  }

  private static void assertSameReports(Analytics duck, Analytics reference) {
    for (ReportQuery query : QUERIES) {
      if (query.breakdown().isPresent()) {
        assertThat(duck.reports().breakdown(query)).isEqualTo(reference.reports().breakdown(query));
      } else if (query.interval() == Interval.HOUR) {
        assertThat(duck.reports().timeseries(query))
            .isEqualTo(reference.reports().timeseries(query));
      } else {
        assertThat(duck.reports().aggregate(query)).isEqualTo(reference.reports().aggregate(query));
      }
    }
  }

  private static Analytics analytics(Storage storage) {
    Analytics analytics = Analytics.builder().storage(storage)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("Europe/Berlin"), "",
        Instant.EPOCH));
    return analytics;
  }

  /** Ten visitors over the week, every other one on a phone, some of them signing up for "pro". */
  private static void track(Analytics analytics) {
    for (int visitor = 0; visitor < 10; visitor++) {
      Instant start = NOW.minus(Duration.ofHours(13L * visitor + 1));
      RequestContext context = RequestContext.of("203.0.113." + visitor,
          AGENTS.get(visitor % 2));
      String[] pages = {"/", "/pricing", "/docs"};
      for (int i = 0; i <= visitor % 3; i++) {
        analytics.tracker().track(TrackRequest.pageview("shop", "https://shop.example" + pages[i])
            .visitorId("v" + visitor).timestamp(start.plusSeconds(60L * i)).context(context)
            .build());
      }
      if (visitor % 3 == 1) {
        analytics.tracker().track(TrackRequest.event("shop", "Signup",
                "https://shop.example/pricing").prop("plan", visitor < 6 ? "pro" : "free")
            .visitorId("v" + visitor).timestamp(start.plusSeconds(90)).context(context).build());
      }
    }
    assertThat(analytics.flush(Duration.ofMinutes(5))).isTrue();
  }
}
